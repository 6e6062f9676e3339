using System.IO.Compression;
using System.Text;

namespace Regurgitate.Metrics;

/// <summary>
/// Reads a file of one segment per line the way sacreBLEU's command line does: UTF-8, split on
/// '\n' only, each line right-stripped, gzip when the name ends in <c>.gz</c>. A byte-order mark is
/// kept as a character of the first segment, as Python's utf-8 codec keeps it.
/// </summary>
public static class SegmentFile
{
    /// <summary>The segments of <paramref name="path"/>; throws <see cref="InputException"/> for unreadable files.</summary>
    public static string[] Read(string path)
    {
        string text;
        try
        {
            using var file = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
            text = reader.ReadToEnd();
        }
        catch (FileNotFoundException) { throw new InputException("file not found", path); }
        catch (DirectoryNotFoundException) { throw new InputException("file not found", path); }
        catch (UnauthorizedAccessException) { throw new InputException("permission denied", path); }
        catch (InvalidDataException e) { throw new InputException($"not a valid gzip file ({e.Message})", path); }
        catch (DecoderFallbackException) { throw new InputException("not valid UTF-8", path, hint: "convert the file to UTF-8"); }
        return Split(text);
    }

    /// <summary>Splits text into right-stripped lines; a final '\n' does not start an extra line.</summary>
    public static string[] Split(string text)
    {
        if (text.Length == 0) return [];
        if (text.EndsWith('\n')) text = text[..^1];
        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++) lines[i] = Tokenizers.PythonText.RStrip(lines[i]);
        return lines;
    }
}
