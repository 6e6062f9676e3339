using System.Diagnostics;
using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>An <see cref="IGenerator"/> over a local <see cref="ITranslationBackend"/> (an NMT checkpoint, an imported file).</summary>
public sealed class BackendGenerator : IGenerator, IDisposable
{
    readonly ITranslationBackend backend;

    /// <param name="backend">The engine; disposed with this generator.</param>
    /// <param name="name">Name for provenance; defaults to the backend's.</param>
    /// <param name="batchSize">Sources per call.</param>
    public BackendGenerator(ITranslationBackend backend, string? name = null, int batchSize = 64)
    {
        if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        this.backend = backend;
        Name = name ?? backend.Name;
        BatchSize = batchSize;
        Provenance = Provenance.Machine(Name, backend.Settings);
    }

    public string Name { get; }
    public Provenance Provenance { get; }
    public int? BatchSize { get; }

    public async Task<IReadOnlyList<GeneratedSegment>> GenerateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var translations = await backend.TranslateAsync(sources, cancellationToken).ConfigureAwait(false);
        if (translations.Count != sources.Count)
            throw new InvalidOperationException($"backend {backend.Name} returned {translations.Count} translations for {sources.Count} sources");
        // A batch is translated at once; its latency is shared out evenly among its segments.
        double perSegment = sources.Count == 0 ? 0 : clock.Elapsed.TotalMilliseconds / sources.Count;
        return translations.Select(t => t.Text == null
                ? GeneratedSegment.Failed(t.Failure ?? "no translation", perSegment)
                : new GeneratedSegment(t.Text, null, t.LogProbability, perSegment,
                    t.SourceTokens is int s && t.TargetTokens is int g ? new TokenUsage(s, g) : null))
            .ToList();
    }

    public void Dispose() => backend.Dispose();
}
