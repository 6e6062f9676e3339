using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using Regurgitate.Corpora.Formats;
using Regurgitate.Progress;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// Fetches dataset files from their official URLs into a <see cref="DataDirectory"/>: each download
/// goes to a temporary file beside its destination, is checked (size, SHA-256, line count — whatever
/// the <see cref="DatasetFile"/> knows), and only then renamed into place, so a failed or interrupted
/// download leaves nothing behind. Files already present are skipped. Archives (.tgz, .zip) are
/// downloaded once and the needed members extracted.
/// </summary>
public sealed class DatasetDownloader(HttpClient http, IProgress<ProgressUpdate>? progress = null)
{
    /// <summary>Downloads the files of <paramref name="files"/> that <paramref name="directory"/> lacks; returns the paths written.</summary>
    public async Task<IReadOnlyList<string>> DownloadAsync(IEnumerable<DatasetFile> files, DataDirectory directory, CancellationToken cancel = default)
    {
        var written = new List<string>();
        var needed = files.Where(f => directory.Locate(f) == null).DistinctBy(f => f.RelativePath).ToList();
        var manual = needed.Where(f => f.Url == null).ToList();
        if (manual.Count > 0)
            throw new InputException($"no download URL for {string.Join(", ", manual.Select(f => f.RelativePath))}; put the files there by hand",
                directory.PathOf(manual[0].RelativePath));
        foreach (var group in needed.GroupBy(f => f.Url!))
        {
            if (group.First().ArchiveMember == null)
                foreach (var file in group) written.Add(await DownloadFileAsync(file, directory, cancel));
            else
                written.AddRange(await DownloadArchiveAsync(group.Key, [.. group], directory, cancel));
        }
        return written;
    }

    /// <summary>Downloads one plain or gzip file, verifies it, and renames it into place; returns its path.</summary>
    public async Task<string> DownloadFileAsync(DatasetFile file, DataDirectory directory, CancellationToken cancel = default)
    {
        string destination = directory.PathOf(file.DownloadPath);
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        string temporary = IO.AtomicFile.TemporaryPathFor(destination);
        try
        {
            await FetchAsync(file.Url!, temporary, cancel);
            Verify(temporary, destination, file, file.Url!, checkDigest: true);
            File.Move(temporary, destination, overwrite: false);
            return destination;
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    async Task<IReadOnlyList<string>> DownloadArchiveAsync(string url, IReadOnlyList<DatasetFile> members, DataDirectory directory, CancellationToken cancel)
    {
        string first = directory.PathOf(members[0].RelativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        string archive = IO.AtomicFile.TemporaryPathFor(first) + ".archive";
        var extracted = members.ToDictionary(m => m, m => IO.AtomicFile.TemporaryPathFor(directory.PathOf(m.RelativePath)));
        try
        {
            await FetchAsync(url, archive, cancel);
            var wanted = members.ToDictionary(m => m.ArchiveMember!, m => extracted[m]);
            var found = Extract(archive, url, wanted);
            var absent = wanted.Keys.Except(found).ToList();
            if (absent.Count > 0)
                throw new InputException($"the archive from {url} has no member {string.Join(", ", absent)}", first,
                    hint: "the upstream archive may have changed; extract the files by hand");
            foreach (var m in members) Verify(extracted[m], directory.PathOf(m.RelativePath), m, url, checkDigest: true);
            var done = new List<string>();
            foreach (var m in members)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(directory.PathOf(m.RelativePath))!);
                File.Move(extracted[m], directory.PathOf(m.RelativePath), overwrite: false);
                done.Add(directory.PathOf(m.RelativePath));
            }
            return done;
        }
        finally
        {
            TryDelete(archive);
            foreach (var t in extracted.Values) TryDelete(t);
        }
    }

    static HashSet<string> Extract(string archive, string url, Dictionary<string, string> wanted)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        string name = new Uri(url).AbsolutePath;
        if (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            using var zip = ZipFile.OpenRead(archive);
            foreach (var (member, target) in wanted)
            {
                var entry = zip.GetEntry(member);
                if (entry == null) continue;
                entry.ExtractToFile(target, overwrite: true);
                found.Add(member);
            }
            return found;
        }
        using var file = File.OpenRead(archive);
        using Stream tarStream = name.EndsWith(".tar", StringComparison.OrdinalIgnoreCase) ? file : new GZipStream(file, CompressionMode.Decompress);
        using var reader = new TarReader(tarStream);
        while (reader.GetNextEntry() is { } entry)
        {
            // Members may be stored as "./name" or under a folder; match on the trailing path.
            string entryName = entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name;
            var match = wanted.Keys.FirstOrDefault(k => entryName == k || entryName.EndsWith("/" + k, StringComparison.Ordinal));
            if (match == null || entry.DataStream == null) continue;
            using (var output = File.Create(wanted[match])) entry.DataStream.CopyTo(output);
            found.Add(match);
        }
        return found;
    }

    async Task FetchAsync(string url, string temporary, CancellationToken cancel)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancel);
        }
        catch (HttpRequestException e)
        {
            throw new InputException($"cannot download {url}: {e.Message}", hint: "no network? put the files into the data directory by hand");
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new InputException($"cannot download {url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            long? total = response.Content.Headers.ContentLength;
            string task = $"download {Path.GetFileName(new Uri(url).AbsolutePath)}";
            await using var input = await response.Content.ReadAsStreamAsync(cancel);
            await using var output = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
            var buffer = new byte[1 << 16];
            long done = 0;
            int read;
            progress?.Report(new ProgressUpdate(task, 0, total, "bytes"));
            while ((read = await input.ReadAsync(buffer, cancel)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancel);
                done += read;
                progress?.Report(new ProgressUpdate(task, done, total, "bytes"));
            }
            progress?.Report(new ProgressUpdate(task, done, done, "bytes"));
            await output.FlushAsync(cancel);
        }
    }

    // Checks what is known about the file; `path` is the downloaded temporary, `destination` where it will go.
    static void Verify(string path, string destination, DatasetFile file, string url, bool checkDigest)
    {
        long size = new FileInfo(path).Length;
        if (checkDigest && file.Bytes is long bytes && size != bytes)
            throw Mismatch(destination, url, $"{bytes:N0} bytes", $"{size:N0} bytes");
        if (checkDigest && file.Sha256 is string expected)
        {
            string actual;
            using (var stream = File.OpenRead(path)) actual = Convert.ToHexStringLower(SHA256.HashData(stream));
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                throw Mismatch(destination, url, $"sha256 {expected}", $"sha256 {actual}");
        }
        if (file.Lines is long lines)
        {
            // Count line breaks in the content as it will be read (gzip decompressed when the final name says so).
            bool gzip = TextLines.IsGzip(destination);
            long counted = 0;
            using (var raw = File.OpenRead(path))
            using (Stream stream = gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw)
            {
                var buffer = new byte[1 << 16];
                int read;
                try
                {
                    while ((read = stream.Read(buffer)) > 0) counted += buffer.AsSpan(0, read).Count((byte)'\n');
                }
                catch (InvalidDataException e)
                {
                    throw Mismatch(destination, url, "gzip data", $"undecodable data ({e.Message})");
                }
            }
            if (counted != lines) throw Mismatch(destination, url, $"{lines:N0} lines", $"{counted:N0} lines");
        }
    }

    static InputException Mismatch(string destination, string url, string expected, string actual) =>
        new($"download from {url} failed verification: expected {expected}, got {actual}; nothing was saved", destination,
            hint: "the upstream file may have changed or the transfer was corrupted; try again, or fetch it by hand");

    static void TryDelete(string path)
    {
        try { if (File.Exists(path)) File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
