namespace Regurgitate.Decoding;

/// <summary>
/// Settings of a decoding run, with their defaults and validation: the one home of decoding settings,
/// read by `regurg translate`/`serve`, by `type: nmt` generator specs, and by the neural library's searches.
/// Plain data, so it lives in the core library, which has no libtorch.
/// </summary>
public sealed record DecodingOptions
{
    /// <summary>Greedy, beam or sampling.</summary>
    public DecodingStrategy Strategy { get; init; } = DecodingStrategy.Beam;
    /// <summary>Hypotheses kept per sentence in beam search.</summary>
    public int BeamSize { get; init; } = 5;
    /// <summary>
    /// α of fairseq's length normalization: a finished hypothesis scores (Σ log p) / length^α, length counting EOS.
    /// 0 disables normalization; 1 is the mean log-probability per token.
    /// </summary>
    public double LengthPenalty { get; init; } = 1.0;
    /// <summary>a of the output length bound a·source_length + b (source tokens incl. EOS).</summary>
    public double MaxLengthA { get; init; } = 1.5;
    /// <summary>b of the output length bound a·source_length + b.</summary>
    public int MaxLengthB { get; init; } = 10;
    /// <summary>Softmax temperature for sampling.</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Sample only among the k most probable tokens; 0 disables.</summary>
    public int TopK { get; init; } = 0;
    /// <summary>Sample only within the smallest set of tokens whose probability reaches p; 1 disables.</summary>
    public double TopP { get; init; } = 1.0;
    /// <summary>Seed of sampling.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Outputs returned per sentence (best beams, or independent samples).</summary>
    public int NBest { get; init; } = 1;
    /// <summary>Sentences decoded together.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Reuse keys/values of earlier positions (true) or rerun the whole prefix each step (false, for testing).</summary>
    public bool UseCache { get; init; } = true;

    /// <summary>The defaults, for option help and spec readers.</summary>
    public static DecodingOptions Defaults { get; } = new();

    /// <summary>Checks the settings; throws <see cref="InputException"/> when they make no sense.</summary>
    public DecodingOptions Validated()
    {
        if (BeamSize < 1) throw new InputException($"beam size must be at least 1, not {BeamSize}");
        if (NBest < 1) throw new InputException($"n-best must be at least 1, not {NBest}");
        if (Strategy == DecodingStrategy.Beam && NBest > BeamSize) throw new InputException($"n-best {NBest} exceeds beam size {BeamSize}");
        if (Strategy == DecodingStrategy.Greedy && NBest > 1) throw new InputException("greedy decoding gives one output per sentence", hint: "use --beam or --sample for n-best");
        if (Temperature <= 0) throw new InputException($"temperature must be positive, not {Temperature}");
        if (TopK < 0) throw new InputException($"top-k must be 0 (off) or positive, not {TopK}");
        if (TopP is <= 0 or > 1) throw new InputException($"top-p must lie in (0, 1], not {TopP}");
        if (BatchSize < 1) throw new InputException($"batch size must be at least 1, not {BatchSize}");
        if (MaxLengthA < 0 || MaxLengthB < 1) throw new InputException("max length a·src+b needs a ≥ 0 and b ≥ 1");
        return this;
    }

    /// <summary>Longest output (in tokens, EOS included) for a source of <paramref name="sourceLength"/> tokens.</summary>
    public int MaxOutputLength(int sourceLength, int modelMaxPositions) =>
        Math.Max(1, Math.Min((int)(MaxLengthA * sourceLength) + MaxLengthB, modelMaxPositions - 1));
}
