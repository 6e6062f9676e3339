using System.IO.Compression;
using System.Text;

namespace Regurgitate.IO;

/// <summary>Reads a plain-text corpus side with one segment per line (UTF-8, optionally gzip-compressed).</summary>
public static class SegmentFile
{
    /// <summary>
    /// All lines of <paramref name="path"/> without their line endings ("\n" or "\r\n"); a file
    /// ending in ".gz" is decompressed. A missing or unreadable file is an <see cref="InputException"/>.
    /// </summary>
    public static IReadOnlyList<string> ReadLines(string path)
    {
        if (!File.Exists(path))
            throw new InputException("file not found", path, hint: "give the path of a text file with one segment per line");
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(file, CompressionMode.Decompress)
                : file;
            // Strict UTF-8: a corrupt or wrongly encoded corpus should fail loudly, not be scored.
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
            var lines = new List<string>();
            // ReadLine splits on "\n", "\r\n" and a lone "\r"; corpora never contain a lone "\r"
            // inside a segment in practice, and sacreBLEU reads them the same way.
            while (reader.ReadLine() is { } line) lines.Add(line);
            return lines;
        }
        catch (InvalidDataException e)
        {
            throw new InputException("not a valid gzip file", path, hint: "drop the .gz suffix if the file is plain text", inner: e);
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException("not valid UTF-8", path, hint: "convert the file to UTF-8", inner: e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException("file cannot be read (permission denied)", path, inner: e);
        }
    }
}
