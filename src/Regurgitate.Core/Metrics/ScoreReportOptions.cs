using Regurgitate.Metrics.Significance;
using Regurgitate.Metrics.Tokenizers;

namespace Regurgitate.Metrics;

/// <summary>
/// Settings of a sacreBLEU-style scoring run (what `regurg score` parses), with sacreBLEU 2.6.0's
/// defaults and the checks that reject combinations it rejects. <see cref="ScoreReport"/> runs them.
/// </summary>
/// <param name="References">Reference files (one or more, line-aligned).</param>
/// <param name="Hypotheses">System output files; the first is the baseline of paired tests.</param>
public sealed record ScoreReportOptions(IReadOnlyList<string> References, IReadOnlyList<string> Hypotheses)
{
    /// <summary>The metric names <see cref="Metrics"/> accepts.</summary>
    public static IReadOnlyList<string> MetricNames { get; } = ["bleu", "chrf", "chrf++", "ter"];

    /// <summary>The defaults, for option help.</summary>
    public static ScoreReportOptions Defaults { get; } = new([], []);

    /// <summary>Comma-separated metrics: bleu, chrf, chrf++, ter.</summary>
    public string MetricList { get; init; } = "bleu";
    /// <summary>BLEU tokenizer: 13a, intl, none, char.</summary>
    public string Tokenize { get; init; } = "13a";
    /// <summary>Case-insensitive BLEU and chrF.</summary>
    public bool Lowercase { get; init; }
    /// <summary>BLEU smoothing: exp, floor, add-k, none.</summary>
    public string SmoothMethod { get; init; } = "exp";
    /// <summary>Value for floor (default 0.1) and add-k (default 1) smoothing.</summary>
    public double? SmoothValue { get; init; }
    /// <summary>Case-sensitive TER (TER lowercases by default).</summary>
    public bool CaseSensitive { get; init; }
    /// <summary>TER: mteval-style normalization and tokenization.</summary>
    public bool TerNormalized { get; init; }
    /// <summary>TER: remove punctuation.</summary>
    public bool TerNoPunct { get; init; }
    /// <summary>TER: split CJK characters.</summary>
    public bool TerAsian { get; init; }
    /// <summary>Decimals of printed scores.</summary>
    public int Width { get; init; } = 1;
    /// <summary>"text" or "json" (the shape of <c>sacrebleu -f json</c>).</summary>
    public string Format { get; init; } = "text";
    /// <summary>Score every segment (sentence BLEU uses effective order).</summary>
    public bool SentenceLevel { get; init; }
    /// <summary>Paired bootstrap resampling against the first hypothesis.</summary>
    public bool PairedBs { get; init; }
    /// <summary>Paired approximate randomization against the first hypothesis.</summary>
    public bool PairedAr { get; init; }
    /// <summary>Bootstrap resamples of the paired test.</summary>
    public int PairedBsN { get; init; } = PairedBootstrap.DefaultSamples;
    /// <summary>Approximate randomization trials.</summary>
    public int PairedArN { get; init; } = ApproximateRandomization.DefaultTrials;
    /// <summary>95% bootstrap confidence interval of a single system.</summary>
    public bool Confidence { get; init; }
    /// <summary>Bootstrap resamples of the confidence interval.</summary>
    public int ConfidenceN { get; init; } = 1000;
    /// <summary>Seed of NumPy's PCG64 generator, as sacreBLEU's SACREBLEU_SEED.</summary>
    public ulong Seed { get; init; } = ConfidenceEstimate.DefaultSeed;

    /// <summary>The metrics named by <see cref="MetricList"/>, configured; throws <see cref="InputException"/> for unknown names.</summary>
    public TranslationMetric[] Metrics()
    {
        if (!Tokenizer.Names.Contains(Tokenize))
            throw new InputException($"unknown tokenizer '{Tokenize}'", hint: $"use one of {string.Join(", ", Tokenizer.Names)}");
        if (!BleuSmoothingNames.TryParse(SmoothMethod, out var smoothing))
            throw new InputException($"unknown smoothing method '{SmoothMethod}'", hint: $"use one of {string.Join(", ", BleuSmoothingNames.All)}");
        var names = MetricList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new InputException("no metric given", hint: "--metrics bleu,chrf,chrf++,ter");
        var metrics = new List<TranslationMetric>();
        foreach (var name in names)
        {
            bool sentence = SentenceLevel;
            metrics.Add(name.ToLowerInvariant() switch
            {
                "bleu" => new Bleu(new BleuOptions
                {
                    Tokenize = Tokenize, Lowercase = Lowercase, Smoothing = smoothing, SmoothValue = SmoothValue,
                    // sacreBLEU >= 2.0 turns effective order on for sentence-level BLEU.
                    EffectiveOrder = sentence,
                }),
                "chrf" => new Chrf(new ChrfOptions { Lowercase = Lowercase }),
                "chrf++" => new Chrf(new ChrfOptions { WordOrder = 2, Lowercase = Lowercase }),
                "ter" => new Ter(new TerOptions
                {
                    CaseSensitive = CaseSensitive, Normalized = TerNormalized, NoPunct = TerNoPunct, AsianSupport = TerAsian,
                }),
                _ => throw new InputException($"unknown metric '{name}'", hint: $"use {string.Join(", ", MetricNames)}"),
            });
        }
        return [.. metrics];
    }

    /// <summary>Checks the settings; throws <see cref="InputException"/> for combinations that make no sense.</summary>
    public ScoreReportOptions Validated()
    {
        if (Format is not ("text" or "json")) throw new InputException($"unknown format '{Format}'", hint: "use text or json");
        if (Width is < 0 or > 10) throw new InputException($"--width {Width} is out of range", hint: "use 0 to 10");
        if (PairedBs && PairedAr) throw new InputException("--paired-bs and --paired-ar exclude each other", hint: "run them one at a time");
        bool paired = PairedBs || PairedAr;
        if (paired && Hypotheses.Count < 2)
            throw new InputException("paired tests need at least two --hyp files", hint: "the first --hyp is the baseline");
        if (Confidence && Hypotheses.Count > 1)
            throw new InputException("--confidence is for a single system", hint: "use --paired-bs to get intervals for several systems");
        if (SentenceLevel && (Hypotheses.Count > 1 || paired || Confidence))
            throw new InputException("--sentence-level takes one --hyp and no statistical test");
        if (PairedBsN < 1 || PairedArN < 1 || ConfidenceN < 1)
            throw new InputException("the number of resamples or trials must be at least 1");
        var duplicate = Hypotheses.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new InputException("the same --hyp file is given twice", duplicate.Key, hint: "give each system once");
            return this;
    }
}
