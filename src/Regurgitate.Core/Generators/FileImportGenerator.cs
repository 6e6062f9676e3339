using Regurgitate.Corpora.Formats;
using Regurgitate.Corpora;

namespace Regurgitate.Generators;

/// <summary>
/// Outputs produced anywhere else (a commercial API's dump, another toolkit), one line per
/// source, aligned by position and labelled for provenance. It is positional, so it takes the
/// whole corpus in one call (<see cref="BatchSize"/> is null).
/// </summary>
public sealed class FileImportGenerator : IGenerator
{
    readonly string path;
    readonly IReadOnlyList<string> lines;

    /// <param name="path">The translations file, one per line (plain or .gz).</param>
    /// <param name="label">The provenance label, e.g. "google-translate-2024-05".</param>
    public FileImportGenerator(string path, string label)
    {
        this.path = path;
        lines = TextLines.ReadAll(path, TextLines.Unlimited);
        Name = label;
        Provenance = Provenance.Machine(label, new Dictionary<string, string> { ["file"] = Path.GetFileName(path) });
    }

    public string Name { get; }
    public Provenance Provenance { get; }
    public int? BatchSize => null;

    /// <summary>Line i of the file translates <paramref name="sources"/>[i]; a count mismatch is an <see cref="InputException"/>.</summary>
    public Task<IReadOnlyList<GeneratedSegment>> GenerateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        if (sources.Count != lines.Count)
            throw new InputException($"has {lines.Count} lines but there are {sources.Count} sources", path,
                hint: "an imported file must be aligned line by line with the sources");
        IReadOnlyList<GeneratedSegment> result = lines
            .Select((line, i) => line.Length == 0 && sources[i].Trim().Length > 0
                ? GeneratedSegment.Failed("empty line in the imported file", 0, 0)
                : new GeneratedSegment(line, Attempts: 0))
            .ToList();
        return Task.FromResult(result);
    }
}
