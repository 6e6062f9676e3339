namespace Regurgitate.Metrics;

/// <summary>chrF settings; the defaults are sacreBLEU's chrF (nc:6, nw:0, beta 2).</summary>
public sealed record ChrfOptions
{
    /// <summary>Character n-gram order.</summary>
    public int CharOrder { get; init; } = 6;
    /// <summary>Word n-gram order; 2 gives chrF++.</summary>
    public int WordOrder { get; init; }
    /// <summary>Weight of recall relative to precision.</summary>
    public int Beta { get; init; } = 2;
    /// <summary>Lowercase before extracting n-grams.</summary>
    public bool Lowercase { get; init; }
    /// <summary>Keep whitespace inside character n-grams.</summary>
    public bool Whitespace { get; init; }
    /// <summary>Epsilon smoothing as chrF++.py, Moses and NLTK; off means sacreBLEU's effective-order averaging.</summary>
    public bool EpsSmoothing { get; init; }

    /// <summary>chrF++: word bigrams added to character 6-grams.</summary>
    public static ChrfOptions PlusPlus { get; } = new() { WordOrder = 2 };
}
