using Regurgitate.Corpora.Formats;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

public sealed class CorpusSplitCommandTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = TestData.Scratch();

    [Fact]
    public async Task Split_writes_three_parts_of_the_requested_sizes_with_groups_kept_whole()
    {
        // Multi30k train has 25 repeated German sources: grouping by source keeps their pairs together.
        var result = await Invoke("corpus", "split", "--corpus", "multi30k:train:de-en", "--data-dir", TestData.Root,
            "--valid", "1000", "--test", "1000", "--seed", "4", "--out-dir", scratch.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("train: 27,000 pairs", result.Output);
        var parts = new[] { "train", "valid", "test" }.ToDictionary(p => p, p => JsonlFile.Read(scratch.File(p + ".jsonl")).ToList());
        Assert.Equal(1_000, parts["valid"].Count);
        Assert.Equal(1_000, parts["test"].Count);
        Assert.Equal(29_000, parts.Values.Sum(p => p.Count));
        var sources = parts.ToDictionary(kv => kv.Key, kv => kv.Value.Select(p => p.Source).ToHashSet());
        Assert.Empty(sources["train"].Intersect(sources["valid"]));
        Assert.Empty(sources["train"].Intersect(sources["test"]));
        Assert.Empty(sources["valid"].Intersect(sources["test"]));

        using var again = TestData.Scratch();
        await Invoke("corpus", "split", "--corpus", "multi30k:train:de-en", "--data-dir", TestData.Root,
            "--valid", "1000", "--test", "1000", "--seed", "4", "--out-dir", again.Path, "--out-format", "moses");
        Assert.Equal(parts["test"].Select(p => p.Source), File.ReadAllLines(again.File("test.de")));
        Assert.Equal(parts["test"].Select(p => p.Target), File.ReadAllLines(again.File("test.en")));
    }

    [Fact]
    public async Task Split_of_bad_input_leaves_no_part_behind()
    {
        File.WriteAllText(scratch.File("in.tsv"), string.Concat(Enumerable.Range(1, 300).Select(i => $"s{i}\tt{i}\n")) + "broken\n");
        string outDir = Path.Combine(scratch.Path, "out");
        var result = await Invoke("corpus", "split", "--tsv", scratch.File("in.tsv"), "--valid", "10", "--test", "10", "--out-dir", outDir);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{scratch.File("in.tsv")}:301: no tab", result.Error);
        Assert.False(Directory.Exists(outDir) && Directory.EnumerateFiles(outDir).Any());
    }

    public void Dispose() => scratch.Dispose();
}
