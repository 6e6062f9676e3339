namespace Regurgitate.Corpora.Formats;

/// <summary>How corpus files are read.</summary>
/// <param name="MaxLineLength">Longest accepted line in characters; longer lines are an input error.</param>
/// <param name="Provenance">Provenance given to pairs whose format does not record one (Moses, two-column TSV); null means human.</param>
public sealed record CorpusReadOptions(int MaxLineLength = TextLines.DefaultMaxLineLength, Provenance? Provenance = null)
{
    /// <summary>Defaults: 10,000 characters a line, human translations.</summary>
    public static CorpusReadOptions Default { get; } = new();

    /// <summary>The provenance for pairs whose format records none.</summary>
    public Provenance DefaultProvenance => Provenance ?? Corpora.Provenance.Human;
}
