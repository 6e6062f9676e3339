namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// One file a dataset needs in the data directory, where it comes from, and how to check it.
/// </summary>
/// <param name="RelativePath">Where it lives under the data directory (e.g. "multi30k/train.de.gz"). A ".gz"
/// file may also be present uncompressed (without ".gz"), and a plain one gzipped.</param>
/// <param name="Url">Official download URL, or null when it cannot be fetched automatically.</param>
/// <param name="Lines">Expected line count (of the uncompressed text), if known.</param>
/// <param name="Bytes">Expected size of what <paramref name="Url"/> serves (or of <paramref name="ArchiveMember"/>), if known.</param>
/// <param name="Sha256">Expected SHA-256 (lowercase hex) of what <paramref name="Url"/> serves, if known.</param>
/// <param name="ArchiveMember">When <paramref name="Url"/> is an archive (.tgz, .zip): the member to extract.</param>
public sealed record DatasetFile(string RelativePath, string? Url, long? Lines = null, long? Bytes = null, string? Sha256 = null, string? ArchiveMember = null)
{
    /// <summary>A file whose line count, size and digest are known from the shared copy (<see cref="KnownFiles"/>).</summary>
    public static DatasetFile Known(string relativePath, string? url)
    {
        if (!KnownFiles.ByPath.TryGetValue(relativePath, out var known)) return new DatasetFile(relativePath, url);
        return new DatasetFile(relativePath, url, known.Lines, known.Bytes, known.Sha256);
    }

    /// <summary>The path a download is saved to: gzip URLs keep ".gz"; plain URLs are saved without it.</summary>
    public string DownloadPath =>
        Url != null && ArchiveMember == null && TextLinesNameIsGzip(RelativePath) && !TextLinesNameIsGzip(Url)
            ? RelativePath[..^3] : RelativePath;

    static bool TextLinesNameIsGzip(string name) => name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
}
