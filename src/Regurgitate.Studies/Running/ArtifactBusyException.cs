namespace Regurgitate.Studies;

/// <summary>Another process is building the artifact; a worker that would rather not wait does other work meanwhile.</summary>
public sealed class ArtifactBusyException(string kind, string key) : Exception($"{kind} {key} is being built by another process")
{
    /// <summary>The artifact's kind.</summary>
    public string Kind { get; } = kind;
    /// <summary>The artifact's key.</summary>
    public string Key { get; } = key;
}
