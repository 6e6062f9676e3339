namespace Regurgitate.Metrics.Tokenizers;

/// <summary>
/// A BLEU tokenizer as in sacreBLEU: one line in, the same line with tokens separated by single
/// spaces out. <see cref="Signature"/> is the <c>tok:</c> value of the metric signature.
/// </summary>
public abstract class Tokenizer
{
    /// <summary>The names <see cref="Create"/> accepts, sacreBLEU's <c>--tokenize</c> values.</summary>
    public static IReadOnlyList<string> Names { get; } = ["13a", "intl", "none", "char"];

    /// <summary>The value this tokenizer contributes to a signature (<c>tok:13a</c>).</summary>
    public abstract string Signature { get; }

    /// <summary>Tokenizes one segment. Implementations are stateless and safe to call from many threads.</summary>
    public abstract string Tokenize(string line);

    /// <summary>The tokenizer sacreBLEU calls <paramref name="name"/>.</summary>
    public static Tokenizer Create(string name) => name switch
    {
        "13a" => new Tokenizer13a(),
        "intl" => new TokenizerIntl(),
        "none" => new TokenizerNone(),
        "char" => new TokenizerChar(),
        _ => throw new ArgumentException(
            $"unknown tokenizer '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };
}
