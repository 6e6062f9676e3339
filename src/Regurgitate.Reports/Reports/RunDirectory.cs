using System.Text.Json;
using Regurgitate.Metrics;

namespace Regurgitate.Reports;

/// <summary>
/// A study's run directory as <c>docs/run-directory.md</c> defines it, read without libtorch: the
/// spec, run.json, results.jsonl, data.jsonl, generators.jsonl and the test set. Nothing else
/// in the directory is read, so a report rebuilds from finished cells alone.
/// </summary>
public sealed class RunDirectory
{
    RunDirectory(string path, string spec, JsonElement run, IReadOnlyList<CellResult> cells, IReadOnlyList<ConditionData> data,
        IReadOnlyList<GeneratorResult> generators)
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
    public IReadOnlyList<ConditionData> Data { get; }
    /// <summary>The generators with their own test scores.</summary>
    public IReadOnlyList<GeneratorResult> Generators { get; }

    /// <summary>The study's name (run.json's <c>study</c>, else the directory's name).</summary>
    public string Study => RunString("study") ?? System.IO.Path.GetFileName(Path);

    /// <summary>A string field of run.json, or null.</summary>
    public string? RunString(string name) =>
        Run.ValueKind == JsonValueKind.Object && Run.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The full path of a path relative to the run directory.</summary>
    public string Resolve(string relative) => System.IO.Path.GetFullPath(System.IO.Path.Combine(Path, relative));

    /// <summary>The segments of a file relative to the run directory, read as sacreBLEU reads them.</summary>
    public string[] ReadSegments(string relative) => SegmentFile.Read(Resolve(relative));

    /// <summary>Reads <paramref name="path"/>; a missing or malformed contract file is an <see cref="InputException"/>.</summary>
    public static RunDirectory Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full)) throw new InputException("no such run directory", full, hint: "give the directory `regurg study run` wrote");
        string results = System.IO.Path.Combine(full, "results.jsonl");
        if (!File.Exists(results)) throw new InputException("results.jsonl not found: no cell has been recorded yet", full, hint: "run the study first");
        string specPath = System.IO.Path.Combine(full, "spec.yaml");
        string spec = File.Exists(specPath) ? File.ReadAllText(specPath) : "";
        string runPath = System.IO.Path.Combine(full, "run.json");
        JsonElement run;
        if (File.Exists(runPath))
        {
            try { run = JsonDocument.Parse(File.ReadAllText(runPath)).RootElement.Clone(); }
            catch (JsonException e) { throw new InputException($"not valid JSON ({e.Message})", runPath, e.LineNumber + 1); }
        }
        else run = JsonDocument.Parse("{}").RootElement.Clone();
        return new RunDirectory(full, spec, run,
            ReadJsonl(results, ReadCell),
            ReadJsonl(System.IO.Path.Combine(full, "data.jsonl"), ReadData, optional: true),
            ReadJsonl(System.IO.Path.Combine(full, "generators.jsonl"), ReadGenerator, optional: true));
    }

    static List<T> ReadJsonl<T>(string path, Func<JsonElement, T> read, bool optional = false)
    {
        var rows = new List<T>();
        if (!File.Exists(path))
        {
            if (optional) return rows;
            throw new InputException("file not found", path);
        }
        int line = 0;
        foreach (string text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            try
            {
                using var document = JsonDocument.Parse(text);
                rows.Add(read(document.RootElement));
            }
            catch (JsonException e) { throw new InputException($"not valid JSON ({e.Message})", path, line); }
            catch (KeyNotFoundException e) { throw new InputException(e.Message, path, line, "see docs/run-directory.md"); }
            catch (InvalidOperationException e) { throw new InputException($"a field has the wrong type ({e.Message})", path, line, "see docs/run-directory.md"); }
        }
        return rows;
    }

    static CellResult ReadCell(JsonElement e) => new(
        Required(e, "cell"), Required(e, "condition"), String(e, "condition_type") ?? "", Strings(e, "generators"),
        Int(e, "size"), Long(e, "seed"), Required(e, "status"), String(e, "error"),
        Number(e, "bleu"), Number(e, "chrf"), String(e, "bleu_signature"), String(e, "chrf_signature"),
        String(e, "hypotheses"), Number(e, "seconds"));

    static ConditionData ReadData(JsonElement e) => new(
        Required(e, "condition"), String(e, "condition_type") ?? "", Strings(e, "generators"), Int(e, "size"),
        Required(e, "sources"), Required(e, "targets"), Required(e, "human_targets"), String(e, "target_lang") ?? "",
        String(e, "description"), Number(e, "distinct_sources") is double d ? (int)d : null);

    static GeneratorResult ReadGenerator(JsonElement e) => new(
        Required(e, "generator"), String(e, "type") ?? "", String(e, "description"),
        Number(e, "test_bleu"), Number(e, "test_chrf"), String(e, "test_hypotheses"), Number(e, "seconds"), String(e, "error"));

    static string Required(JsonElement e, string name) =>
        String(e, name) ?? throw new KeyNotFoundException($"the row has no \"{name}\"");

    static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt32() : throw new KeyNotFoundException($"the row has no number \"{name}\"");

    static long Long(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetInt64() : throw new KeyNotFoundException($"the row has no number \"{name}\"");

    static IReadOnlyList<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).ToList()
            : [];
}
