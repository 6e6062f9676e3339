namespace Regurgitate.Generators;

/// <summary>What building a generator from a spec may need from its host.</summary>
/// <param name="CreateNmt">Builds an NMT generator; the neural library provides it (Core has no libtorch).</param>
/// <param name="OnRetry">Told about endpoint retries, e.g. to log them.</param>
public sealed record GeneratorContext(Func<NmtSpec, IGenerator>? CreateNmt = null, Action<RetryAttempt>? OnRetry = null)
{
    /// <summary>A context without NMT support.</summary>
    public static GeneratorContext Default { get; } = new();
}
