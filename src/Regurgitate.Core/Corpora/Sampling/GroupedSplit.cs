namespace Regurgitate.Corpora.Sampling;

/// <summary>The three parts of a held-out split.</summary>
public enum SplitPart { Train, Valid, Test }

/// <summary>
/// A seeded train/valid/test split that keeps every group whole: all pairs sharing a key (e.g. the
/// English sentence, so alternative translations of it) land in the same part. Groups are visited in
/// <see cref="SeededRank"/> order of their key and go to valid, then test, while they fit the requested
/// pair counts; the rest is train. With many small groups the held-out parts get exactly the sizes asked.
/// </summary>
public sealed class GroupedSplit
{
    readonly Dictionary<string, SplitPart> heldOut;
    readonly Func<SentencePair, string> groupKey;

    GroupedSplit(Dictionary<string, SplitPart> heldOut, Func<SentencePair, string> groupKey, long valid, long test, long train)
    {
        this.heldOut = heldOut;
        this.groupKey = groupKey;
        ValidPairs = valid;
        TestPairs = test;
        TrainPairs = train;
    }

    /// <summary>Pairs in each part.</summary>
    public long TrainPairs { get; }
    /// <summary>Pairs in the validation part.</summary>
    public long ValidPairs { get; }
    /// <summary>Pairs in the test part.</summary>
    public long TestPairs { get; }

    /// <summary>Reads <paramref name="pairs"/> once to size the groups, then assigns them.</summary>
    public static GroupedSplit Compute(IEnumerable<SentencePair> pairs, Func<SentencePair, string> groupKey, long validPairs, long testPairs, ulong seed)
    {
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        foreach (var pair in pairs)
        {
            var key = groupKey(pair);
            sizes[key] = sizes.GetValueOrDefault(key) + 1;
            total++;
        }
        var heldOut = new Dictionary<string, SplitPart>(StringComparer.Ordinal);
        long valid = 0, test = 0;
        foreach (var (key, size) in sizes.OrderBy(kv => SeededRank.Of(kv.Key, seed)).ThenBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (valid >= validPairs && test >= testPairs) break;
            if (valid + size <= validPairs) { heldOut[key] = SplitPart.Valid; valid += size; }
            else if (test + size <= testPairs) { heldOut[key] = SplitPart.Test; test += size; }
        }
        return new GroupedSplit(heldOut, groupKey, valid, test, total - valid - test);
    }

    /// <summary>The part <paramref name="pair"/> belongs to.</summary>
    public SplitPart PartOf(SentencePair pair) => heldOut.GetValueOrDefault(groupKey(pair), SplitPart.Train);

    /// <summary>The pairs of <paramref name="corpus"/> in <paramref name="part"/>, streamed in corpus order.</summary>
    public IEnumerable<SentencePair> Select(IEnumerable<SentencePair> corpus, SplitPart part) => corpus.Where(p => PartOf(p) == part);

    /// <summary>Pairs in <paramref name="part"/>.</summary>
    public long CountOf(SplitPart part) => part switch { SplitPart.Valid => ValidPairs, SplitPart.Test => TestPairs, _ => TrainPairs };
}
