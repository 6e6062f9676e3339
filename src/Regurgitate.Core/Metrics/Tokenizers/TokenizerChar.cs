using System.Text;

namespace Regurgitate.Metrics.Tokenizers;

/// <summary>Every character is a token (<c>tok:char</c>); whitespace characters disappear.</summary>
public sealed class TokenizerChar : Tokenizer
{
    /// <inheritdoc/>
    public override string Signature => "char";

    /// <inheritdoc/>
    public override string Tokenize(string line)
    {
        // sacreBLEU joins the code points with spaces and BLEU then splits on whitespace,
        // so whitespace code points vanish and surrogate pairs stay one token.
        var builder = new StringBuilder(line.Length * 2);
        foreach (var rune in line.EnumerateRunes())
        {
            if (PythonText.IsSpace(rune.Value)) continue;
            if (builder.Length > 0) builder.Append(' ');
            builder.Append(rune.ToString());
        }
        return builder.ToString();
    }
}
