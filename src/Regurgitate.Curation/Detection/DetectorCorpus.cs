using System.Globalization;
using Regurgitate.Corpora.Formats;
using Regurgitate.Generators;

namespace Regurgitate.Detection;

/// <summary>
/// Reads the targets a detector trains on or scores: plain text (one target per line, .gz allowed; the id is the
/// line number) or the synthetic-corpus JSONL of `regurg generate` (.jsonl or .jsonl.gz; its ids, failed segments
/// skipped). A file with no text is an <see cref="InputException"/> naming it.
/// </summary>
public static class DetectorCorpus
{
    /// <summary>The segments of <paramref name="path"/>, in file order.</summary>
    public static IReadOnlyList<DetectorSegment> Read(string path)
    {
        TextLines.CheckReadable(path);
        var segments = IsJsonl(path) ? ReadJsonl(path) : ReadText(path);
        if (segments.Count == 0 || segments.All(s => s.Text.Length == 0))
            throw new InputException("no text to read: the file is empty", path, hint: "give one target per line, or a `regurg generate` JSONL");
        return segments;
    }

    /// <summary>The texts of several files, concatenated in order.</summary>
    public static List<string> ReadTexts(IEnumerable<string> paths) => [.. paths.SelectMany(p => Read(p).Select(s => s.Text))];

    static bool IsJsonl(string path) =>
        path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase);

    static List<DetectorSegment> ReadText(string path) =>
        [.. TextLines.Read(path).Select(line => new DetectorSegment(line.Number.ToString(CultureInfo.InvariantCulture), line.Text.TrimEnd()))];

    static List<DetectorSegment> ReadJsonl(string path)
    {
        var segments = new List<DetectorSegment>();
        foreach (var line in TextLines.Read(path, TextLines.Unlimited))
        {
            if (line.Text.Length == 0) continue;
            var segment = SyntheticCorpusJsonl.Parse(line.Text, path, line.Number);
            // A failed generation has no target; `regurg generate` keeps those apart, but a hand-merged file may not.
            if (segment.Result.Text is string text) segments.Add(new DetectorSegment(segment.Id.ToString(CultureInfo.InvariantCulture), text, segment.Source));
        }
        return segments;
    }
}
