namespace Regurgitate.Generators;

/// <summary>
/// The seam between a translation engine and what serves or wraps it: translate a batch of raw
/// source sentences. Our NMT checkpoints and imported files implement it; `regurg serve` exposes
/// one over HTTP and <see cref="BackendGenerator"/> turns one into an <see cref="IGenerator"/>.
/// </summary>
public interface ITranslationBackend : IDisposable
{
    /// <summary>The model's name, as `/v1/models` lists it and provenance records it.</summary>
    string Name { get; }

    /// <summary>Settings that determine the output (beam size, checkpoint...), for provenance.</summary>
    IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Translates each source; one result per source, in order.</summary>
    Task<IReadOnlyList<BackendTranslation>> TranslateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default);
}
