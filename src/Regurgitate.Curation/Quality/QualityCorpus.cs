using Regurgitate.Corpora.Formats;
using Regurgitate.Generators;
using Regurgitate.Metrics;

namespace Regurgitate.Quality;

/// <summary>
/// Reads the pairs to score (a synthetic corpus, or plain source and target files) and other generators' targets
/// aligned to them. Misaligned input is an <see cref="InputException"/> naming the file and line.
/// </summary>
public static class QualityCorpus
{
    /// <summary>
    /// The pairs of a `regurg generate` corpus: failed segments (no target) are left out; the token count that
    /// normalises the log-probability is meta.output_tokens.
    /// </summary>
    public static IReadOnlyList<QualityPair> FromSyntheticCorpus(IReadOnlyList<SyntheticSegment> segments) =>
        [.. segments.Where(s => s.Result.Text != null)
            .Select(s => new QualityPair(s.Id, s.Source, s.Result.Text!, s.Result.LogProbability, s.Result.Usage is { } u ? (int)u.OutputTokens : null))];

    /// <summary>Reads a synthetic corpus JSONL file (see <see cref="FromSyntheticCorpus"/>).</summary>
    public static IReadOnlyList<QualityPair> ReadSyntheticCorpus(string path)
    {
        var pairs = FromSyntheticCorpus(SyntheticCorpusJsonl.Read(path));
        if (pairs.Count == 0) throw new InputException("no pairs to score: the corpus has no generated target", path);
        return pairs;
    }

    /// <summary>Plain source and target files aligned line by line; ids are line numbers.</summary>
    public static IReadOnlyList<QualityPair> ReadPlain(string sourcePath, string targetPath)
    {
        var sources = SegmentFile.Read(sourcePath);
        var targets = SegmentFile.Read(targetPath);
        if (targets.Length == 0) throw new InputException("no pairs to score: the file is empty", targetPath);
        RequireAligned(sourcePath, sources.Length, targetPath, targets.Length);
        return [.. targets.Select((t, i) => new QualityPair(i + 1, sources[i], t))];
    }

    /// <summary>
    /// Another generator's target for each of <paramref name="pairs"/> (null where it has none), read from
    /// <paramref name="path"/>: a synthetic corpus (.jsonl) aligned by id, whose source must match; otherwise a
    /// plain file whose line i is the target of the pair with id i. When the scored pairs came from plain files
    /// too, <paramref name="expectedLines"/> is their line count, and a plain file must have exactly as many.
    /// </summary>
    public static IReadOnlyList<string?> ReadOtherTargets(string path, IReadOnlyList<QualityPair> pairs, int? expectedLines = null)
    {
        if (path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl.gz", StringComparison.OrdinalIgnoreCase))
        {
            TextLines.CheckReadable(path, "synthetic corpus");
            var byId = new Dictionary<long, (SyntheticSegment Segment, long Line)>();
            foreach (var line in TextLines.Read(path))
            {
                if (line.Text.Length == 0) continue;
                var segment = SyntheticCorpusJsonl.Parse(line.Text, path, line.Number);
                byId[segment.Id] = (segment, line.Number);
            }
            return [.. pairs.Select(p =>
            {
                if (!byId.TryGetValue(p.Id, out var other)) return null;
                if (other.Segment.Source != p.Source)
                    throw new InputException($"id {p.Id} has another source here than in the scored corpus", path, other.Line,
                        hint: "the other generators must translate the same sources");
                return other.Segment.Result.Text;
            })];
        }
        var lines = SegmentFile.Read(path);
        if (expectedLines is int expected && lines.Length > expected)
            throw new InputException($"{lines.Length} lines, but the scored files have {expected}", path, expected + 1,
                hint: "the other generators' outputs must be aligned line by line with --src and --hyp");
        long last = pairs.Count == 0 ? 0 : pairs.Max(p => p.Id);
        if (lines.Length < last)
            throw new InputException($"{lines.Length} lines, but the scored pairs go up to id {last}", path, lines.Length + 1,
                hint: "line i must be the target of the source with id i");
        return [.. pairs.Select(p => (string?)lines[p.Id - 1])];
    }

    /// <summary>Throws unless two files aligned line by line have as many lines; names the first line the other lacks.</summary>
    public static void RequireAligned(string firstPath, int firstLines, string secondPath, int secondLines)
    {
        if (firstLines == secondLines) return;
        var (longer, shorter) = firstLines > secondLines ? (firstPath, secondPath) : (secondPath, firstPath);
        throw new InputException($"{firstLines} lines in {firstPath} but {secondLines} in {secondPath}: this line has no partner in {shorter}",
            longer, Math.Min(firstLines, secondLines) + 1, hint: "the files must be aligned line by line");
    }
}
