namespace Regurgitate.Diversity;

/// <summary>One lexical diversity measure: its key (JSON, tables), display name, direction and source.</summary>
/// <param name="Index">Position in <see cref="All"/> and in a report's estimates.</param>
/// <param name="Key">Stable machine name, e.g. "mtld".</param>
/// <param name="Name">Column header, e.g. "MTLD".</param>
/// <param name="HigherIsMoreDiverse">False only for Yule's K, where a higher value means a more repetitive text.</param>
/// <param name="Source">The definition's source.</param>
public sealed record DiversityMeasure(int Index, string Key, string Name, bool HigherIsMoreDiverse, string Source)
{
    /// <summary>Vocabulary size V.</summary>
    public static readonly DiversityMeasure Vocabulary = new(0, "vocabulary", "vocab", true, "number of distinct tokens");
    /// <summary>Type-token ratio V/N.</summary>
    public static readonly DiversityMeasure Ttr = new(1, "ttr", "TTR", true, "V/N");
    /// <summary>Root TTR V/√N.</summary>
    public static readonly DiversityMeasure RootTtr = new(2, "root_ttr", "RTTR", true, "Guiraud 1954");
    /// <summary>Moving-average TTR.</summary>
    public static readonly DiversityMeasure Mattr = new(3, "mattr", "MATTR", true, "Covington & McFall 2010");
    /// <summary>Bidirectional MTLD.</summary>
    public static readonly DiversityMeasure Mtld = new(4, "mtld", "MTLD", true, "McCarthy & Jarvis 2010");
    /// <summary>HD-D, the expected TTR of a random sample (hypergeometric).</summary>
    public static readonly DiversityMeasure Hdd = new(5, "hdd", "HD-D", true, "McCarthy & Jarvis 2007");
    /// <summary>Yule's K (lower is more diverse).</summary>
    public static readonly DiversityMeasure YulesK = new(6, "yules_k", "Yule K", false, "Yule 1944");
    /// <summary>distinct-1.</summary>
    public static readonly DiversityMeasure Distinct1 = new(7, "distinct_1", "dist-1", true, "Li et al. 2016");
    /// <summary>distinct-2.</summary>
    public static readonly DiversityMeasure Distinct2 = new(8, "distinct_2", "dist-2", true, "Li et al. 2016");
    /// <summary>distinct-3.</summary>
    public static readonly DiversityMeasure Distinct3 = new(9, "distinct_3", "dist-3", true, "Li et al. 2016");
    /// <summary>Unigram entropy in bits.</summary>
    public static readonly DiversityMeasure Entropy = new(10, "entropy", "H (bits)", true, "Shannon 1948");
    /// <summary>Share of the vocabulary seen once.</summary>
    public static readonly DiversityMeasure HapaxRatio = new(11, "hapax_ratio", "hapax", true, "V(1)/V");

    /// <summary>Every measure, in report order.</summary>
    public static IReadOnlyList<DiversityMeasure> All { get; } =
        [Vocabulary, Ttr, RootTtr, Mattr, Mtld, Hdd, YulesK, Distinct1, Distinct2, Distinct3, Entropy, HapaxRatio];
}
