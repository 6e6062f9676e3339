using System.IO.Compression;
using System.Text;

namespace Regurgitate.Generators;

/// <summary>Reads a one-segment-per-line text file (plain or .gz) the way corpus tools do: UTF-8, '\n' or "\r\n", no trailing empty line.</summary>
internal static class LineFile
{
    public static IReadOnlyList<string> Read(string path, string what)
    {
        if (!File.Exists(path)) throw new InputException($"{what} file not found", path, hint: "check the path");
        try
        {
            using Stream raw = File.OpenRead(path);
            using Stream stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(raw, CompressionMode.Decompress) : raw;
            using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
            var lines = new List<string>();
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine()) lines.Add(line);
            return lines;
        }
        catch (DecoderFallbackException e)
        {
            throw new InputException("is not valid UTF-8", path, hint: "convert it with iconv -t UTF-8", inner: e);
        }
        catch (InvalidDataException e)
        {
            throw new InputException("is not a valid gzip file", path, inner: e);
        }
    }
}
