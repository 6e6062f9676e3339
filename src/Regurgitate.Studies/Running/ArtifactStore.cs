using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;

namespace Regurgitate.Studies;

/// <summary>
/// The run directory's cache: <c>artifacts/&lt;kind&gt;/&lt;key&gt;/</c>, one folder per artifact, keyed by a hash of
/// everything it depends on. An artifact is complete once its <c>done.json</c> exists (written atomically,
/// last); anything else in its folder is resumable work in progress. A lock file per artifact keeps two
/// processes (parallel cells, a rerun beside an orphaned child) from building the same one at once; the
/// operating system releases it when its holder dies, even by kill -9.
/// </summary>
public sealed class ArtifactStore(string runDirectory)
{
    /// <summary>The name of the completion marker.</summary>
    public const string DoneFile = "done.json";

    /// <summary>The run directory.</summary>
    public string RunDirectory { get; } = Path.GetFullPath(runDirectory);

    /// <summary>The folder of an artifact.</summary>
    public string PathOf(string kind, string key) => Path.Combine(RunDirectory, "artifacts", kind, key);

    /// <summary>The artifact's folder relative to the run directory, with '/' separators.</summary>
    public static string Relative(string kind, string key, string? file = null) =>
        file == null ? $"artifacts/{kind}/{key}" : $"artifacts/{kind}/{key}/{file}";

    /// <summary>The completion record of an artifact, or null while it is missing or incomplete.</summary>
    public JsonObject? Done(string kind, string key)
    {
        string file = Path.Combine(PathOf(kind, key), DoneFile);
        if (!File.Exists(file)) return null;
        return JsonNode.Parse(File.ReadAllText(file)) as JsonObject;
    }

    /// <summary>Marks an artifact complete with <paramref name="record"/>.</summary>
    public void MarkDone(string kind, string key, JsonObject record) =>
        AtomicFile.WriteAllText(Path.Combine(PathOf(kind, key), DoneFile), record.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Waits until this process alone may build the artifact; dispose to release.</summary>
    public IDisposable Lock(string kind, string key, CancellationToken cancellation) =>
        FileLock.Acquire(Path.Combine(RunDirectory, "artifacts", kind, key + ".lock"), cancellation);

    /// <summary>
    /// Returns the artifact's completion record, building it first (under its lock) when missing:
    /// <paramref name="build"/> gets the artifact's folder and returns the record to store.
    /// </summary>
    public JsonObject GetOrBuild(string kind, string key, Func<string, JsonObject> build, CancellationToken cancellation)
    {
        if (Done(kind, key) is JsonObject done) return done;
        using var held = Lock(kind, key, cancellation);
        if (Done(kind, key) is JsonObject other) return other; // built by another process meanwhile
        string folder = PathOf(kind, key);
        Directory.CreateDirectory(folder);
        var record = build(folder);
        MarkDone(kind, key, record);
        return record;
    }
}
