using Regurgitate.Settings;

namespace Regurgitate.Decoding;

/// <summary>
/// Settings of a decoding run, with their defaults and validation: the one home of decoding settings,
/// read by `regurg translate`/`serve`, by `type: nmt` generator specs, and by the neural library's searches.
/// Plain data, so it lives in the core library, which has no libtorch.
/// </summary>
public sealed record DecodingOptions
{
    /// <summary>Greedy, beam or sampling.</summary>
    [Setting("search", Help = "how the next token is chosen: greedy, beam (search) or sample (`translate`: --greedy, --sample)")]
    public DecodingStrategy Strategy { get; init; } = DecodingStrategy.Beam;
    /// <summary>Hypotheses kept per sentence in beam search.</summary>
    [Setting("beam_size", Option = "--beam", Help = "beam size", Min = 1)]
    public int BeamSize { get; init; } = 5;
    /// <summary>
    /// α of fairseq's length normalization: a finished hypothesis scores (Σ log p) / length^α, length counting EOS.
    /// 0 disables normalization; 1 is the mean log-probability per token.
    /// </summary>
    [Setting("length_penalty", Option = "--length-penalty", Help = "beam search: rank finished outputs by logprob / length^alpha")]
    public double LengthPenalty { get; init; } = 1.0;
    /// <summary>a of the output length bound a·source_length + b (source tokens incl. EOS).</summary>
    [Setting("max_len_a", Option = "--max-len-a", Help = "output length bound a*source_length + b: a", Min = 0)]
    public double MaxLengthA { get; init; } = 1.5;
    /// <summary>b of the output length bound a·source_length + b.</summary>
    [Setting("max_len_b", Option = "--max-len-b", Help = "output length bound a*source_length + b: b", Min = 1)]
    public int MaxLengthB { get; init; } = 10;
    /// <summary>Softmax temperature for sampling.</summary>
    [Setting("temperature", Option = "--temperature", Help = "sampling temperature", Min = 0, MinExclusive = true)]
    public double Temperature { get; init; } = 1.0;
    /// <summary>Sample only among the k most probable tokens; 0 disables.</summary>
    [Setting("top_k", Option = "--top-k", Help = "sample among the k most probable tokens (0: all)", Min = 0)]
    public int TopK { get; init; } = 0;
    /// <summary>Sample only within the smallest set of tokens whose probability reaches p; 1 disables.</summary>
    [Setting("top_p", Option = "--top-p", Help = "nucleus sampling: smallest token set with probability >= p (1: off)", Min = 0, MinExclusive = true, Max = 1)]
    public double TopP { get; init; } = 1.0;
    /// <summary>Seed of sampling.</summary>
    [Setting("seed", Option = "--seed", Help = "sampling seed")]
    public long Seed { get; init; } = 1;
    /// <summary>Outputs returned per sentence (best beams, or independent samples).</summary>
    [Setting("nbest", Option = "--nbest", Help = "outputs per sentence; with N > 1 the output is Moses n-best lines `i ||| text ||| logprob`", Min = 1)]
    public int NBest { get; init; } = 1;
    /// <summary>Sentences decoded together.</summary>
    [Setting("batch_size", Option = "--batch-size", Help = "sentences decoded together", Min = 1)]
    public int BatchSize { get; init; } = 64;
    /// <summary>Reuse keys/values of earlier positions (true) or rerun the whole prefix each step (false, for testing).</summary>
    // Off only to compare against: the outputs are the same, so it is no part of a key.
    [Setting("use_cache", Option = "--no-cache", OptionTurnsOff = true, DefinesResult = false,
        Help = "recompute the decoder over the whole prefix at each step instead of caching keys/values (slow; for comparison)")]
    public bool UseCache { get; init; } = true;

    /// <summary>The defaults, for option help and spec readers.</summary>
    public static DecodingOptions Defaults { get; } = new();

    /// <summary>The defaults with greedy search: what studies, validation BLEU and round-trip scoring decode with unless told otherwise.</summary>
    public static DecodingOptions Greedy { get; } = Defaults with { Strategy = DecodingStrategy.Greedy };

    /// <summary>Checks the settings (each against its declared range, then against each other); throws <see cref="InputException"/> when they make no sense.</summary>
    public DecodingOptions Validated()
    {
        SettingsBinder.Validate(this);
        if (Strategy == DecodingStrategy.Beam && NBest > BeamSize) throw new InputException($"n-best {NBest} exceeds beam size {BeamSize}");
        if (Strategy == DecodingStrategy.Greedy && NBest > 1) throw new InputException("greedy decoding gives one output per sentence", hint: "use --beam or --sample for n-best");
        return this;
    }

    /// <summary>Longest output (in tokens, EOS included) for a source of <paramref name="sourceLength"/> tokens.</summary>
    public int MaxOutputLength(int sourceLength, int modelMaxPositions) =>
        Math.Max(1, Math.Min((int)(MaxLengthA * sourceLength) + MaxLengthB, modelMaxPositions - 1));
}
