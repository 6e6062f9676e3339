namespace Regurgitate.Metrics;

/// <summary>
/// BLEU smoothing methods, from Chen and Cherry (2014), "A Systematic Comparison of Smoothing
/// Techniques for Sentence-Level BLEU", as sacreBLEU names them.
/// </summary>
public enum BleuSmoothing
{
    /// <summary><c>none</c>: no smoothing.</summary>
    None,
    /// <summary><c>floor</c> (method 1): a zero match count becomes the smoothing value (default 0.1).</summary>
    Floor,
    /// <summary><c>add-k</c> (method 2): add k (default 1) to matches and totals for n &gt; 1.</summary>
    AddK,
    /// <summary><c>exp</c> (method 3, mteval-v13a's NIST smoothing): each zero precision gets 1/2^k.</summary>
    Exp,
}

/// <summary>sacreBLEU's names and default values of <see cref="BleuSmoothing"/>.</summary>
public static class BleuSmoothingNames
{
    /// <summary>The names sacreBLEU's <c>--smooth-method</c> accepts.</summary>
    public static IReadOnlyList<string> All { get; } = ["exp", "floor", "add-k", "none"];

    /// <summary>sacreBLEU's name of <paramref name="method"/>.</summary>
    public static string Name(this BleuSmoothing method) => method switch
    {
        BleuSmoothing.None => "none",
        BleuSmoothing.Floor => "floor",
        BleuSmoothing.AddK => "add-k",
        _ => "exp",
    };

    /// <summary>Parses a sacreBLEU smoothing name.</summary>
    public static bool TryParse(string name, out BleuSmoothing method)
    {
        method = name switch
        {
            "none" => BleuSmoothing.None,
            "floor" => BleuSmoothing.Floor,
            "add-k" => BleuSmoothing.AddK,
            "exp" => BleuSmoothing.Exp,
            _ => (BleuSmoothing)(-1),
        };
        return (int)method >= 0;
    }

    /// <summary>The default smoothing value (floor 0.1, add-k 1), or null for methods without one.</summary>
    public static double? DefaultValue(this BleuSmoothing method) => method switch
    {
        BleuSmoothing.Floor => 0.1,
        BleuSmoothing.AddK => 1,
        _ => null,
    };
}
