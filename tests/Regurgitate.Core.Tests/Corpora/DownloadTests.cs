using System.Formats.Tar;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Tests.Corpora;

/// <summary>The download path against a loopback HTTP server: no network is used.</summary>
public sealed class DownloadTests : IDisposable
{
    static readonly byte[] Text = Encoding.UTF8.GetBytes("eins\nzwei\ndrei\n");
    static readonly string TextSha = Convert.ToHexStringLower(SHA256.HashData(Text));

    readonly HttpListener listener = new();
    readonly Dictionary<string, byte[]> served = new();
    readonly string baseUrl;
    readonly TestData.ScratchFolder scratch = TestData.Scratch();
    readonly HttpClient http = new();

    public DownloadTests()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        baseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(baseUrl);
        listener.Start();
        _ = Task.Run(Serve);
        served["/de.txt"] = Text;
        served["/archive.tgz"] = Tgz(("corpus/a.de", "hallo\nwelt\n"), ("corpus/a.en", "hello\nworld\n"), ("corpus/README", "x"));
    }

    async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); } catch (Exception) { return; }
            if (served.TryGetValue(context.Request.Url!.AbsolutePath, out var body))
            {
                context.Response.ContentLength64 = body.Length;
                await context.Response.OutputStream.WriteAsync(body);
            }
            else context.Response.StatusCode = 404;
            context.Response.Close();
        }
    }

    static byte[] Tgz(params (string Name, string Content)[] members)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip))
            foreach (var (name, content) in members)
                tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(content)) });
        return buffer.ToArray();
    }

    DataDirectory Directory => new(scratch.Path);

    [Fact]
    public async Task Verified_download_appears_at_its_place_and_nothing_else_is_left()
    {
        var file = new DatasetFile("set/de.txt", baseUrl + "de.txt", Lines: 3, Bytes: Text.Length, Sha256: TextSha);
        var written = await new DatasetDownloader(http).DownloadAsync([file], Directory);
        Assert.Equal([Path.Combine(scratch.Path, "set", "de.txt")], written);
        Assert.Equal(Text, File.ReadAllBytes(written[0]));
        Assert.Equal([Path.Combine("set", "de.txt")], scratch.Files());
        Assert.NotNull(Directory.Locate(file));
        // Present files are not fetched again.
        Assert.Empty(await new DatasetDownloader(http).DownloadAsync([file], Directory));
    }

    [Fact]
    public async Task A_plain_url_for_a_gz_layout_name_is_saved_plain_and_then_found()
    {
        var file = new DatasetFile("opus/test.deu.gz", baseUrl + "de.txt", Lines: 3);
        await new DatasetDownloader(http).DownloadAsync([file], Directory);
        Assert.Equal([Path.Combine("opus", "test.deu")], scratch.Files());
        Assert.Equal(Path.Combine(scratch.Path, "opus", "test.deu"), Directory.Locate(file));
    }

    [Theory]
    [InlineData(3L, 999L, null, "expected 999 bytes")]
    [InlineData(3L, null, "0000000000000000000000000000000000000000000000000000000000000000", "expected sha256 0000")]
    [InlineData(4L, null, null, "expected 4 lines, got 3 lines")]
    public async Task Failed_verification_leaves_nothing_behind(long lines, long? bytes, string? sha, string problem)
    {
        var file = new DatasetFile("set/de.txt", baseUrl + "de.txt", lines, bytes, sha);
        var e = await Assert.ThrowsAsync<InputException>(() => new DatasetDownloader(http).DownloadAsync([file], Directory));
        Assert.Contains(problem, e.Message);
        Assert.Contains("nothing was saved", e.Message);
        Assert.Empty(scratch.Files());
    }

    [Fact]
    public async Task Http_error_is_an_input_error_and_leaves_nothing()
    {
        var file = new DatasetFile("set/x.txt", baseUrl + "missing.txt");
        var e = await Assert.ThrowsAsync<InputException>(() => new DatasetDownloader(http).DownloadAsync([file], Directory));
        Assert.Contains("HTTP 404", e.Message);
        Assert.Empty(scratch.Files());
    }

    [Fact]
    public async Task Archive_members_are_extracted_verified_and_placed_together()
    {
        DatasetFile[] files =
        [
            new("ep/a.de", baseUrl + "archive.tgz", Lines: 2, ArchiveMember: "a.de"),
            new("ep/a.en", baseUrl + "archive.tgz", Lines: 2, ArchiveMember: "a.en"),
        ];
        await new DatasetDownloader(http).DownloadAsync(files, Directory);
        Assert.Equal([Path.Combine("ep", "a.de"), Path.Combine("ep", "a.en")], scratch.Files());
        Assert.Equal("hello\nworld\n", File.ReadAllText(Path.Combine(scratch.Path, "ep", "a.en")));

        using var second = TestData.Scratch();
        DatasetFile[] wrong = [files[0], files[1] with { RelativePath = "ep/b.en", Lines = 5 }];
        await Assert.ThrowsAsync<InputException>(() => new DatasetDownloader(http).DownloadAsync(wrong, new DataDirectory(second.Path)));
        Assert.Empty(second.Files());
    }

    [Fact]
    public async Task Dataset_files_without_a_url_are_refused_with_a_hint()
    {
        var files = new Wmt17Systems().FilesFor(DatasetSpec.Parse("wmt17-systems:uedin-nmt.4722:en-de"));
        var e = await Assert.ThrowsAsync<InputException>(() => new DatasetDownloader(http).DownloadAsync(files, Directory));
        Assert.Contains("uedin-nmt.4722.de", e.Message);
        Assert.Empty(scratch.Files());
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        http.Dispose();
        scratch.Dispose();
    }
}
