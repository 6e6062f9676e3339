namespace Regurgitate.Metrics;

/// <summary>BLEU settings; the defaults are sacreBLEU's.</summary>
public sealed record BleuOptions
{
    /// <summary>Tokenizer name: <c>13a</c> (default), <c>intl</c>, <c>none</c>, <c>char</c>.</summary>
    public string Tokenize { get; init; } = "13a";
    /// <summary>Lowercase hypotheses and references before tokenizing.</summary>
    public bool Lowercase { get; init; }
    /// <summary>Smoothing of zero n-gram precisions.</summary>
    public BleuSmoothing Smoothing { get; init; } = BleuSmoothing.Exp;
    /// <summary>Value for <c>floor</c> and <c>add-k</c>; null takes the method's default.</summary>
    public double? SmoothValue { get; init; }
    /// <summary>Highest n-gram order.</summary>
    public int MaxNgramOrder { get; init; } = 4;
    /// <summary>Stop at the highest order with any n-grams, as sentence-level BLEU should.</summary>
    public bool EffectiveOrder { get; init; }

    /// <summary>sacreBLEU's settings for sentence BLEU: effective order on, everything else default.</summary>
    public static BleuOptions Sentence { get; } = new() { EffectiveOrder = true };
}
