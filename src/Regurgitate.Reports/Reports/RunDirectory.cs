using System.Text.Json;
using Regurgitate.Metrics;
using Regurgitate.RunDirectories;

namespace Regurgitate.Reports;

/// <summary>
/// A study's run directory as <c>docs/run-directory.md</c> defines it, read without libtorch: the
/// spec, run.json, results.jsonl, data.jsonl, generators.jsonl and the test set. Nothing else
/// in the directory is read, so a report rebuilds from finished cells alone.
/// </summary>
public sealed class RunDirectory
{
    RunDirectory(string path, string spec, JsonElement run, IReadOnlyList<CellResult> cells, IReadOnlyList<DataRow> data,
        IReadOnlyList<GeneratorRow> generators)
    {
        Path = path;
        Spec = spec;
        Run = run;
        Cells = cells;
        Data = data;
        Generators = generators;
    }

    /// <summary>The run directory (full path).</summary>
    public string Path { get; }
    /// <summary>The run directory as a command would name it: relative to the current directory when inside it, else absolute.</summary>
    public string ShownPath
    {
        get
        {
            string relative = System.IO.Path.GetRelativePath(Environment.CurrentDirectory, Path);
            return relative.StartsWith("..", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(relative) ? Path : relative;
        }
    }

    /// <summary>spec.yaml as run ("" when missing).</summary>
    public string Spec { get; }
    /// <summary>run.json (an empty object when missing).</summary>
    public JsonElement Run { get; }
    /// <summary>Every cell, in plan order.</summary>
    public IReadOnlyList<CellResult> Cells { get; }
    /// <summary>Each condition's training data at its largest size.</summary>
    public IReadOnlyList<DataRow> Data { get; }
    /// <summary>The generators with their own test scores.</summary>
    public IReadOnlyList<GeneratorRow> Generators { get; }

    /// <summary>The study's name (run.json's <c>study</c>, else the directory's name).</summary>
    public string Study => RunString("study") ?? System.IO.Path.GetFileName(Path);

    /// <summary>A string field of run.json, or null.</summary>
    public string? RunString(string name) =>
        Run.ValueKind == JsonValueKind.Object && Run.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The full path of a path relative to the run directory.</summary>
    public string Resolve(string relative) => new RunLayout(Path).Resolve(relative);

    /// <summary>The segments of a file relative to the run directory, read as sacreBLEU reads them.</summary>
    public string[] ReadSegments(string relative) => SegmentFile.Read(Resolve(relative));

    /// <summary>
    /// What the report could not find because an older version did not write it (e.g. "data.jsonl: rows lack
    /// distinct_sources"); the report says so rather than failing.
    /// </summary>
    public IReadOnlyList<string> Gaps { get; private init; } = [];

    /// <summary>Reads <paramref name="path"/>; a missing or malformed contract file is an <see cref="InputException"/>.</summary>
    public static RunDirectory Open(string path)
    {
        var layout = new RunLayout(path);
        string full = layout.Root;
        if (!Directory.Exists(full)) throw new InputException("no such run directory", full, hint: "give the directory `regurg study run` wrote");
        if (!File.Exists(layout.Results)) throw new InputException("results.jsonl not found: no cell has been recorded yet", full, hint: "run the study first");
        string spec = File.Exists(layout.Spec) ? File.ReadAllText(layout.Spec) : "";
        JsonElement run;
        if (File.Exists(layout.RunJson))
        {
            try { run = JsonDocument.Parse(File.ReadAllText(layout.RunJson)).RootElement.Clone(); }
            catch (JsonException e) { throw new InputException($"not valid JSON ({e.Message})", layout.RunJson, e.LineNumber + 1); }
        }
        else run = JsonDocument.Parse("{}").RootElement.Clone();
        var gaps = new List<string>();
        List<T> Read<T>(string file, Func<RecordFields, T> read, bool optional)
        {
            if (!File.Exists(file))
            {
                if (optional) gaps.Add($"{System.IO.Path.GetFileName(file)} is missing");
                return [];
            }
            var absent = new SortedSet<string>(StringComparer.Ordinal);
            var rows = JsonlRecords.Read(file, read, absent);
            // A run from before forced decoding has no NLL of the test references: say so in words, not only field names.
            if (absent.Count > 0) gaps.Add($"{System.IO.Path.GetFileName(file)}: rows lack {string.Join(", ", absent)} (written by an older regurg{(absent.Contains("test_nll") ? ": no NLL of the test references" : "")})");
            return rows;
        }
        var cells = Read(layout.Results, CellResult.FromJson, optional: false);
        var data = Read(layout.Data, DataRow.FromJson, optional: true);
        var generators = Read(layout.Generators, GeneratorRow.FromJson, optional: true);
        if (!File.Exists(layout.Marker)) gaps.Add($"no {RunMarker.FileName}: written by a regurg older than run-directory format {RunMarker.CurrentFormat}");
        return new RunDirectory(full, spec, run, cells, data, generators) { Gaps = gaps };
    }
}
