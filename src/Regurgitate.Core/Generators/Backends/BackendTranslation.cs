namespace Regurgitate.Generators;

/// <summary>A backend's translation of one source, or why it has none.</summary>
/// <param name="Text">The translation, or null on failure.</param>
/// <param name="LogProbability">Natural-log probability of the translation under the model, if known.</param>
/// <param name="Failure">Why there is no translation, or null.</param>
/// <param name="SourceTokens">Tokens the model read, if it counts them.</param>
/// <param name="TargetTokens">Tokens the model wrote, if it counts them.</param>
public sealed record BackendTranslation(string? Text, double? LogProbability = null, string? Failure = null, int? SourceTokens = null, int? TargetTokens = null)
{
    /// <summary>A missing translation with its reason.</summary>
    public static BackendTranslation Missing(string reason) => new(null, null, reason);
}
