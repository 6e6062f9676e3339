using Regurgitate.IO;

namespace Regurgitate.Corpora.Formats;

/// <summary>
/// Moses-style plain-text pairs: two files with one sentence per line, line N of the source file
/// translating line N of the target file (<c>train.de</c> + <c>train.en</c>, optionally gzipped).
/// Pair ids are the 1-based line numbers.
/// </summary>
public static class MosesFiles
{
    /// <summary>Streams the pairs of <paramref name="sourcePath"/> and <paramref name="targetPath"/>; both files must exist and have equally many lines.</summary>
    public static Corpus Read(string sourcePath, string targetPath, CorpusReadOptions? options = null, string? name = null,
        string? sourceLanguage = null, string? targetLanguage = null, long? knownCount = null)
    {
        options ??= CorpusReadOptions.Default;
        TextLines.CheckReadable(sourcePath);
        TextLines.CheckReadable(targetPath);
        return new Corpus(name ?? $"{sourcePath} + {targetPath}",
            () => Pairs(sourcePath, targetPath, options), knownCount, sourceLanguage, targetLanguage);
    }

    /// <summary>Zips two line streams into pairs, failing with file and line when their lengths differ or both are empty.</summary>
    public static IEnumerable<SentencePair> Pair(IEnumerable<TextLine> sourceLines, string sourceName,
        IEnumerable<TextLine> targetLines, string targetName, Provenance provenance)
    {
        using var source = sourceLines.GetEnumerator();
        using var target = targetLines.GetEnumerator();
        long n = 0;
        while (true)
        {
            bool hasSource = source.MoveNext();
            bool hasTarget = target.MoveNext();
            if (!hasSource && !hasTarget) break;
            if (hasSource != hasTarget)
            {
                var (longer, shorter) = hasSource ? (sourceName, targetName) : (targetName, sourceName);
                if (n == 0) throw new InputException("empty file: no lines to read", shorter, hint: $"its partner {longer} has lines");
                throw new InputException($"line-count mismatch: {shorter} ends after {n:N0} lines but {longer} has more",
                    longer, n + 1, "the two files of a Moses pair must have the same number of lines; line N of one translates line N of the other");
            }
            n++;
            yield return new SentencePair(source.Current.Text, target.Current.Text, provenance, n.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        if (n == 0) throw new InputException("empty file: no lines to read", sourceName);
    }

    static IEnumerable<SentencePair> Pairs(string sourcePath, string targetPath, CorpusReadOptions options) =>
        Pair(TextLines.Read(sourcePath, options.MaxLineLength), sourcePath,
             TextLines.Read(targetPath, options.MaxLineLength), targetPath, options.DefaultProvenance);

    /// <summary>
    /// Writes <paramref name="pairs"/> as two line-aligned files, gzipped when a name ends in <c>.gz</c>.
    /// Both files appear together only when every pair was written; on any error neither is left behind.
    /// Provenance, ids and meta are not kept (the format has no place for them). Returns the pairs written.
    /// </summary>
    public static long Write(string sourcePath, string targetPath, IEnumerable<SentencePair> pairs)
    {
        long n = 0;
        AtomicFile.WriteTogether([sourcePath, targetPath], streams =>
        {
            var sourceStream = TextLines.WrapForWrite(streams[0], sourcePath);
            using var sourceStreamLayer = ReferenceEquals(sourceStream, streams[0]) ? null : sourceStream; // a gzip layer is closed to finish it; the file stays open
            var targetStream = TextLines.WrapForWrite(streams[1], targetPath);
            using var targetStreamLayer = ReferenceEquals(targetStream, streams[1]) ? null : targetStream; // a gzip layer is closed to finish it; the file stays open
            using var source = new StreamWriter(sourceStream, TextLines.Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            using var target = new StreamWriter(targetStream, TextLines.Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var pair in pairs)
            {
                n++;
                source.WriteLine(LineText.Checked(pair.Source, "source", pair, n, sourcePath));
                target.WriteLine(LineText.Checked(pair.Target, "target", pair, n, targetPath));
            }
        });
        return n;
    }
}
