using Regurgitate.Detection;

namespace Regurgitate.Tests.Curation.Detection;

/// <summary>Broken detector directories and inputs: an <see cref="InputException"/> naming the file (and line).</summary>
public sealed class DetectorFilesTests
{
    [Fact]
    public void Missing_directory_and_corrupt_manifest_name_the_file_and_line()
    {
        using var scratch = TestData.Scratch();
        var missing = Assert.Throws<InputException>(() => MachineTextDetector.Load(scratch.File("nothing")));
        Assert.Contains("detector directory not found", missing.Message);

        string directory = scratch.File("broken");
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, DetectorManifest.FileName), "{\n  \"format_version\": 1,\n  \"kind\": \"linear\",\n  oops\n}\n");
        var corrupt = Assert.Throws<InputException>(() => MachineTextDetector.Load(directory));
        Assert.Equal(Path.Combine(directory, DetectorManifest.FileName), corrupt.File);
        Assert.Equal(4, corrupt.Line);
    }

    [Fact]
    public void Empty_corpus_file_is_refused()
    {
        using var scratch = TestData.Scratch();
        File.WriteAllText(scratch.File("empty.txt"), "\n\n");
        var e = Assert.Throws<InputException>(() => DetectorCorpus.Read(scratch.File("empty.txt")));
        Assert.Equal(scratch.File("empty.txt"), e.File);
    }

    [Fact]
    public void Synthetic_jsonl_is_read_with_its_ids()
    {
        using var scratch = TestData.Scratch();
        string path = scratch.File("corpus.jsonl");
        File.WriteAllLines(path, [
            "{\"id\":\"7\",\"source\":\"Ein Hund.\",\"target\":\"A dog.\",\"provenance\":{\"origin\":\"machine\",\"generator\":\"t\"}}",
            "{\"id\":\"9\",\"source\":\"Eine Katze.\",\"target\":null,\"provenance\":{\"origin\":\"machine\"},\"meta\":{\"failure\":\"timeout\"}}",
        ]);
        Assert.Equal([new DetectorSegment("7", "A dog.", "Ein Hund.")], DetectorCorpus.Read(path));
        File.AppendAllText(path, "{not json\n");
        Assert.Equal(3, Assert.Throws<InputException>(() => DetectorCorpus.Read(path)).Line);
    }
}
