namespace Regurgitate.Metrics.Tokenizers;

/// <summary>No tokenization (<c>tok:none</c>): the metric splits the line on whitespace only.</summary>
public sealed class TokenizerNone : Tokenizer
{
    /// <inheritdoc/>
    public override string Signature => "none";

    /// <inheritdoc/>
    public override string Tokenize(string line) => line;
}
