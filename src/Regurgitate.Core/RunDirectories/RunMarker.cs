using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;

namespace Regurgitate.RunDirectories;

/// <summary>
/// The file that makes a folder one of our run directories: which study it holds and the run-directory format it was
/// written in. A run into a folder that is not empty and has no marker, or has another study's, writes nothing.
/// </summary>
/// <param name="Study">The study's name (the spec's <c>name:</c>).</param>
/// <param name="Format">The run-directory format (<see cref="CurrentFormat"/> when written by this version).</param>
public sealed record RunMarker(string Study, int Format)
{
    /// <summary>The marker's file name.</summary>
    public const string FileName = "regurg-run.json";

    /// <summary>
    /// The format this version writes. 1: run directories written before the marker existed (artifact keys from
    /// hand-written strings). 2: the marker, and artifact keys from the canonical form of the settings.
    /// </summary>
    public const int CurrentFormat = 2;

    /// <summary>
    /// Makes <paramref name="runDirectory"/> the run directory of <paramref name="study"/>: creates it with its marker
    /// when it is missing or empty, accepts it when its marker names the same study in this format, and otherwise throws
    /// an <see cref="InputException"/> before anything is written (another study's folder, a folder of other files, or
    /// a run directory written by another format, whose cache would mix with this one's).
    /// </summary>
    public static RunMarker Claim(string runDirectory, string study)
    {
        var layout = new RunLayout(runDirectory);
        string root = layout.Root;
        if (File.Exists(root)) throw new InputException("is a file, not a run directory", root, hint: "give --out a folder");
        while (true)
        {
            if (Read(root) is RunMarker marker)
            {
                if (marker.Study != study)
                    throw new InputException($"is the run directory of study '{marker.Study}', not '{study}'; nothing was written", root,
                        hint: "give this study its own --out");
                if (marker.Format != CurrentFormat) throw FormatMismatch(root, marker.Format);
                return marker;
            }
            // Workers started together claim the same empty folder at once: another's marker being written (its temporary
            // file) or just renamed into place leaves it as good as empty, and the last marker renamed into place decides.
            if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Select(Path.GetFileName).Any(name => !IsMarkerOrBeingWritten(name!)))
            {
                if (File.Exists(layout.Plan) && File.Exists(layout.Spec))
                    throw FormatMismatch(root, 1);
                throw new InputException("is not empty and is not a run directory (it has no regurg-run.json); nothing was written", root,
                    hint: "give --out a new or empty folder");
            }
            if (File.Exists(layout.Marker)) continue; // another claimant's marker landed since it was read
            Directory.CreateDirectory(root);
            new RunMarker(study, CurrentFormat).Write(layout.Marker);
            var written = Read(root)!;
            if (written.Study != study)
                throw new InputException($"was claimed at the same moment by study '{written.Study}', not '{study}'; nothing was written", root,
                    hint: "give this study its own --out");
            return written;
        }
    }

    /// <summary>Whether a folder entry named <paramref name="name"/> is the marker or a marker's temporary file (<see cref="AtomicFile"/>).</summary>
    static bool IsMarkerOrBeingWritten(string name) =>
        name == FileName || (name.StartsWith($".{FileName}.", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal));

    /// <summary>The marker of <paramref name="runDirectory"/>, or null when it has none.</summary>
    public static RunMarker? Read(string runDirectory)
    {
        string file = new RunLayout(runDirectory).Marker;
        if (!File.Exists(file)) return null;
        var fields = new RecordFields(RecordFields.ReadObject(file), file);
        return new RunMarker(fields.RequiredString("study"), checked((int)fields.RequiredInteger("format")));
    }

    /// <summary>The format of <paramref name="runDirectory"/>: its marker's, or 1 for a run directory written before markers.</summary>
    public static int FormatOf(string runDirectory) => Read(runDirectory)?.Format ?? 1;

    void Write(string file) => AtomicFile.WriteAllText(file, new JsonObject
    {
        ["study"] = Study,
        ["format"] = Format,
        ["written_by"] = "regurg study run (docs/run-directory.md)",
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    static InputException FormatMismatch(string root, int format) => new(string.Create(CultureInfo.InvariantCulture,
        $"was written in run-directory format {format} and this regurg writes format {CurrentFormat}, whose cache keys differ: its cache predates the change and is not reused or mixed with new results; nothing was written"),
        root, hint: format < CurrentFormat
            ? "run into a new --out (the cache is rebuilt once); `regurg study report` still reads the old directory"
            : "use the regurg version that wrote it");
}
