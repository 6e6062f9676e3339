namespace Regurgitate.Metrics.Tokenizers;

/// <summary>
/// The default BLEU tokenizer (<c>tok:13a</c>), equivalent to mteval-v13a.pl as used by WMT:
/// drops <c>&lt;skipped&gt;</c>, un-escapes four XML entities, splits off ASCII punctuation, and
/// splits periods and commas except inside numbers.
/// </summary>
public sealed class Tokenizer13a : Tokenizer
{
    /// <inheritdoc/>
    public override string Signature => "13a";

    /// <inheritdoc/>
    public override string Tokenize(string line)
    {
        if (line.Contains('<')) line = line.Replace("<skipped>", "", StringComparison.Ordinal);
        if (line.Contains('\n')) line = line.Replace("-\n", "", StringComparison.Ordinal).Replace('\n', ' ');
        line = MtevalRules.UnescapeEntities(line);
        // mteval pads the line with spaces, so a final period is split from a number too.
        line = MtevalRules.SplitSymbols(" " + line + " ");
        line = MtevalRules.SplitPeriodCommaDash(line);
        return PythonText.CollapseSpaces(line);
    }
}
