using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>One line of a synthetic corpus (`regurg generate` output): a source, what a generator made of it, and how.</summary>
/// <param name="Id">1-based line number of the source.</param>
/// <param name="Source">The source sentence.</param>
/// <param name="Result">The generator's result: text or failure, with log-probability, latency and usage.</param>
/// <param name="Provenance">The generator and its settings.</param>
public sealed record SyntheticSegment(long Id, string Source, GeneratedSegment Result, Provenance Provenance)
{
    /// <summary>The pair for training or analysis, or null when generation failed.</summary>
    public SentencePair? ToSentencePair() =>
        Result.Text is string text ? new SentencePair(Source, text, Provenance, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)) : null;
}
