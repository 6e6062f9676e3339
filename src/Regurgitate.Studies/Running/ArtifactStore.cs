using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>
/// The run directory's cache: <c>artifacts/&lt;kind&gt;/&lt;key&gt;/</c>, one folder per artifact, keyed by a hash of
/// everything it depends on. An artifact is complete once its <c>done.json</c> exists (written atomically,
/// last); anything else in its folder is resumable work in progress. A claim per artifact (<see cref="WorkClaim"/>)
/// keeps two processes (parallel cells, workers on several hosts sharing the run directory, a rerun beside an
/// orphaned child) from building the same one at once; a dead holder's claim is taken over.
/// </summary>
/// <remarks>Kinds are <see cref="ArtifactKind"/>'s.</remarks>
public sealed class ArtifactStore(string runDirectory)
{
    /// <summary>The name of the completion marker.</summary>
    public const string DoneFile = "done.json";

    /// <summary>The run directory's files.</summary>
    public RunLayout Layout { get; } = new(runDirectory);

    /// <summary>The run directory.</summary>
    public string RunDirectory => Layout.Root;

    /// <summary>The folder of an artifact.</summary>
    public string PathOf(string kind, string key) => Layout.Artifact(kind, key);

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

    /// <summary>The claim file of an artifact.</summary>
    public string ClaimOf(string kind, string key) => Layout.ArtifactClaim(kind, key);

    /// <summary>
    /// Returns the artifact's completion record, building it first (under its claim) when missing:
    /// <paramref name="build"/> gets the artifact's folder and returns the record to store. While another process
    /// builds it, this one waits, or with <paramref name="wait"/> false throws <see cref="ArtifactBusyException"/>
    /// so that a worker can do other work meanwhile.
    /// </summary>
    public JsonObject GetOrBuild(string kind, string key, Func<string, JsonObject> build, CancellationToken cancellation, bool wait = true)
    {
        if (Done(kind, key) is JsonObject done) return done;
        using var held = wait ? WorkClaim.Take(ClaimOf(kind, key), cancellation)
            : WorkClaim.TryTake(ClaimOf(kind, key)) ?? throw new ArtifactBusyException(kind, key);
        if (Done(kind, key) is JsonObject other) return other; // built by another process meanwhile
        string folder = PathOf(kind, key);
        Directory.CreateDirectory(folder);
        var record = build(folder);
        MarkDone(kind, key, record);
        return record;
    }
}
