using Regurgitate.Corpora.Formats;
namespace Regurgitate.Generators;

/// <summary>
/// A backend that answers from translations made elsewhere: a sources file and a translations
/// file aligned line by line; a source is looked up by its exact text. It replays recorded
/// outputs (`regurg serve --from-file`) and backs the endpoint tests with real data.
/// </summary>
public sealed class FileLookupBackend : ITranslationBackend
{
    readonly Dictionary<string, string> translations;

    FileLookupBackend(string name, Dictionary<string, string> translations, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        this.translations = translations;
        Settings = settings;
    }

    /// <summary>Loads aligned files; a line-count mismatch is an <see cref="InputException"/>.</summary>
    /// <remarks>When a source repeats with different translations, the first one wins (a lookup has one answer per question).</remarks>
    public static FileLookupBackend Load(string sourcesPath, string translationsPath, string? name = null)
    {
        var sources = TextLines.ReadAll(sourcesPath, TextLines.Unlimited);
        if (sources.Count == 0) throw new InputException("is empty: there is nothing to serve", sourcesPath, hint: "give the recorded sources and translations");
        var targets = TextLines.ReadAll(translationsPath, TextLines.Unlimited);
        if (sources.Count != targets.Count)
            throw new InputException($"has {targets.Count} lines but the sources file {sourcesPath} has {sources.Count}", translationsPath,
                hint: "the two files must be aligned line by line");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < sources.Count; i++) map.TryAdd(sources[i], targets[i]);
        return new FileLookupBackend(name ?? Path.GetFileNameWithoutExtension(translationsPath), map,
            new Dictionary<string, string> { ["file"] = Path.GetFileName(translationsPath) });
    }

    /// <summary>Builds from aligned lists in memory.</summary>
    public static FileLookupBackend FromPairs(string name, IEnumerable<(string Source, string Target)> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (s, t) in pairs) map.TryAdd(s, t);
        return new FileLookupBackend(name, map, new Dictionary<string, string>());
    }

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>Distinct sources it can answer.</summary>
    public int Count => translations.Count;

    public Task<IReadOnlyList<BackendTranslation>> TranslateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<BackendTranslation> result = sources
            .Select(s => translations.TryGetValue(s, out var t) || translations.TryGetValue(s.Trim(), out t)
                ? new BackendTranslation(t)
                : BackendTranslation.Missing("source not found in the imported translations"))
            .ToList();
        return Task.FromResult(result);
    }

    public void Dispose() { }
}
