using Regurgitate.Corpora;
using Regurgitate.Generators;

namespace Regurgitate.Generators;

/// <summary>A trained checkpoint as an <see cref="IGenerator"/>: the weak and strong teachers of a regurgitation study.</summary>
public sealed class NmtGenerator : IGenerator, IDisposable
{
    readonly BackendGenerator inner;

    /// <summary>Wraps a loaded backend; decoding batches are the backend's, checkpointing batches are <paramref name="batchSize"/>.</summary>
    public NmtGenerator(NmtBackend backend, int batchSize = 256) => inner = new BackendGenerator(backend, batchSize: batchSize);

    /// <summary>Builds what an `nmt` generator spec describes (the <see cref="GeneratorContext.CreateNmt"/> hook).</summary>
    public static NmtGenerator Create(NmtSpec spec) => new(NmtBackend.Load(spec), batchSize: Math.Max(256, spec.Decoding.BatchSize));

    public string Name => inner.Name;
    public Provenance Provenance => inner.Provenance;
    public int? BatchSize => inner.BatchSize;

    public Task<IReadOnlyList<GeneratedSegment>> GenerateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default) =>
        inner.GenerateAsync(sources, cancellationToken);

    public void Dispose() => inner.Dispose();
}
