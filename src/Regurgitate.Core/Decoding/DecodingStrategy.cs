namespace Regurgitate.Decoding;

/// <summary>How the next token is chosen.</summary>
public enum DecodingStrategy
{
    /// <summary>Most probable token at each step.</summary>
    Greedy,
    /// <summary>Beam search with length-normalized final scores.</summary>
    Beam,
    /// <summary>Ancestral sampling with temperature, top-k and nucleus (top-p) truncation.</summary>
    Sample,
}

/// <summary>The names of <see cref="DecodingStrategy"/> values in specs and settings: "greedy", "beam", "sample".</summary>
public static class DecodingStrategyNames
{
    /// <summary>The lower-case name of <paramref name="strategy"/>.</summary>
    public static string NameOf(DecodingStrategy strategy) => strategy.ToString().ToLowerInvariant();

    /// <summary>The strategy named <paramref name="name"/>, or null when it names none.</summary>
    public static DecodingStrategy? Parse(string name) => name switch
    {
        "greedy" => DecodingStrategy.Greedy,
        "beam" => DecodingStrategy.Beam,
        "sample" => DecodingStrategy.Sample,
        _ => null,
    };
}
