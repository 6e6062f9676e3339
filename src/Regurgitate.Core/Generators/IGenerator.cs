using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>Something that produces synthetic target sentences for source sentences: an NMT model, an LLM endpoint, Apertium, an imported file.</summary>
public interface IGenerator
{
    /// <summary>A short name for tables and provenance, e.g. "openai:gpt-4o-mini" or "apertium:eng-spa".</summary>
    string Name { get; }

    /// <summary>Who made the outputs: <see cref="Provenance.Machine"/> with the settings that matter for reproduction (never secrets).</summary>
    Provenance Provenance { get; }

    /// <summary>
    /// How many sources one call should carry (a batch is also the unit that a resumable run
    /// saves); null means the generator is positional and wants the whole corpus in one call.
    /// </summary>
    int? BatchSize { get; }

    /// <summary>Generates one result per source, in the same order; failures are results, not exceptions.</summary>
    Task<IReadOnlyList<GeneratedSegment>> GenerateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default);
}
