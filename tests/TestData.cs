using System.IO.Compression;
using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Tests;

/// <summary>
/// The real corpora the tests read, found as `regurg` finds them: $REGURG_DATA_DIR, else a
/// shared/corpora folder above the checkout. Linked into every test project.
/// </summary>
internal static class SharedCorpora
{
    /// <summary>The corpora folder (holding multi30k/, wmt17-newstest-en-de-systems/, ...).</summary>
    public static string Root { get; } = Locate();

    /// <summary>A path below <see cref="Root"/>.</summary>
    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary><paramref name="count"/> lines of a gzip file below <see cref="Root"/>, from line <paramref name="skip"/> on.</summary>
    public static List<string> GzipLines(string relativePath, int count, int skip = 0)
    {
        using var stream = new GZipStream(File.OpenRead(PathOf(relativePath)), CompressionMode.Decompress);
        using var reader = new StreamReader(stream);
        var lines = new List<string>(count);
        int seen = 0;
        for (string? line = reader.ReadLine(); line != null && lines.Count < count; line = reader.ReadLine())
            if (seen++ >= skip) lines.Add(line);
        return lines;
    }

    static string Locate()
    {
        string root = DataDirectory.Resolve().Root;
        if (!Directory.Exists(Path.Combine(root, "multi30k")))
            throw new DirectoryNotFoundException($"the shared corpora are not in {root}: set {DataDirectory.EnvironmentVariable} to the corpora folder");
        return root;
    }
}
