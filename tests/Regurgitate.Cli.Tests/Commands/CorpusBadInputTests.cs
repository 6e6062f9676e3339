using System.Text;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

/// <summary>
/// Every kind of bad corpus input, through the CLI: one clear line naming file and line, exit code 2,
/// and no output file — not even a partial one, although 5,000 good pairs precede the bad line.
/// </summary>
public sealed class CorpusBadInputTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = TestData.Scratch();
    static readonly string GoodTsvLines = string.Concat(Enumerable.Range(1, 5_000).Select(i => $"Satz {i}\tsentence {i}\n"));

    async Task<Result> ConvertToEveryOutputAndExpectFailure(string[] input, string file, long? line, string problem)
    {
        Result? last = null;
        foreach (var output in new[] { new[] { "--out-tsv", scratch.File("out.tsv") }, ["--out-jsonl", scratch.File("out.jsonl.gz")],
                     ["--out-source", scratch.File("out.de"), "--out-target", scratch.File("out.en")] })
        {
            last = await Invoke(["corpus", "convert", .. input, .. output]);
            Assert.Equal(2, last.ExitCode);
            Assert.Contains(problem, last.Error);
            Assert.Contains(line == null ? $"{file}: " : $"{file}:{line}: ", last.Error);
            Assert.DoesNotContain("   at ", last.Error); // no stack trace
            Assert.Single(last.Error.Trim().Split('\n'));
            Assert.DoesNotContain(scratch.Files(), f => f.StartsWith("out", StringComparison.Ordinal) || f.StartsWith(".out", StringComparison.Ordinal));
        }
        return last!;
    }

    [Fact]
    public async Task Tsv_line_without_tab_names_file_and_line_and_exits_2()
    {
        File.WriteAllText(scratch.File("in.tsv"), GoodTsvLines + "no tab here\nlast\tline\n");
        await ConvertToEveryOutputAndExpectFailure(["--tsv", scratch.File("in.tsv")], scratch.File("in.tsv"), 5_001, "no tab");
    }

    [Fact]
    public async Task Moses_line_count_mismatch_names_file_and_line_and_exits_2()
    {
        File.WriteAllText(scratch.File("in.de"), string.Concat(Enumerable.Range(1, 5_001).Select(i => $"Satz {i}\n")));
        File.WriteAllText(scratch.File("in.en"), string.Concat(Enumerable.Range(1, 5_000).Select(i => $"sentence {i}\n")));
        var result = await ConvertToEveryOutputAndExpectFailure(["--source", scratch.File("in.de"), "--target", scratch.File("in.en")],
            scratch.File("in.de"), 5_001, "line-count mismatch");
        Assert.Contains("in.en ends after 5,000 lines", result.Error);
    }

    [Fact]
    public async Task Invalid_utf8_names_file_and_line_and_exits_2()
    {
        var bytes = Encoding.UTF8.GetBytes(GoodTsvLines).Concat(new byte[] { (byte)'M', 0xFC, (byte)'n', (byte)'\t', (byte)'x', (byte)'\n' }).ToArray();
        File.WriteAllBytes(scratch.File("latin1.tsv"), bytes);
        await ConvertToEveryOutputAndExpectFailure(["--tsv", scratch.File("latin1.tsv")], scratch.File("latin1.tsv"), 5_001, "invalid UTF-8");
    }

    [Theory]
    [InlineData("[\"source\", \"target\"]", "expected a JSON object")]
    [InlineData("{\"source\": \"only\"}", "missing field \"target\"")]
    [InlineData("{\"source\": \"a\", \"target\": 3}", "\"target\" must be a string")]
    [InlineData("{\"src\": \"a\", \"target\": \"b\"}", "unexpected field \"src\"")]
    [InlineData("{\"source\": \"a\", \"target\": \"b\"", "not valid JSON")]
    public async Task Jsonl_line_that_is_not_an_expected_object_names_file_and_line_and_exits_2(string badLine, string problem)
    {
        var good = string.Concat(Enumerable.Range(1, 5_000).Select(i => $"{{\"source\": \"Satz {i}\", \"target\": \"sentence {i}\"}}\n"));
        File.WriteAllText(scratch.File("in.jsonl"), good + badLine + "\n");
        await ConvertToEveryOutputAndExpectFailure(["--jsonl", scratch.File("in.jsonl")], scratch.File("in.jsonl"), 5_001, problem);
    }

    [Theory]
    [InlineData("tsv")]
    [InlineData("jsonl")]
    [InlineData("moses")]
    public async Task Empty_file_names_file_and_exits_2(string form)
    {
        File.WriteAllText(scratch.File("empty.txt"), "");
        File.WriteAllText(scratch.File("other.txt"), "a\n");
        string[] input = form switch
        {
            "tsv" => ["--tsv", scratch.File("empty.txt")],
            "jsonl" => ["--jsonl", scratch.File("empty.txt")],
            _ => ["--source", scratch.File("other.txt"), "--target", scratch.File("empty.txt")],
        };
        await ConvertToEveryOutputAndExpectFailure(input, scratch.File("empty.txt"), null, "empty file");
    }

    [Fact]
    public async Task Missing_file_names_file_and_exits_2()
    {
        await ConvertToEveryOutputAndExpectFailure(["--tsv", scratch.File("nope.tsv")], scratch.File("nope.tsv"), null, "file not found");
        File.WriteAllText(scratch.File("in.de"), "a\n");
        await ConvertToEveryOutputAndExpectFailure(["--source", scratch.File("in.de"), "--target", scratch.File("in.en")], scratch.File("in.en"), null, "file not found");
    }

    [Fact]
    public async Task Line_over_max_line_length_names_file_and_line_and_exits_2()
    {
        File.WriteAllText(scratch.File("long.tsv"), GoodTsvLines + new string('x', 300) + "\ty\n");
        await ConvertToEveryOutputAndExpectFailure(["--tsv", scratch.File("long.tsv"), "--max-line-length", "200"], scratch.File("long.tsv"), 5_001,
            "longer than 200 characters");
        // The default (10,000) accepts it.
        var ok = await Invoke("corpus", "convert", "--tsv", scratch.File("long.tsv"), "--out-jsonl", scratch.File("out.jsonl"));
        Assert.Equal(0, ok.ExitCode);
        Assert.Equal(5_001, File.ReadAllLines(scratch.File("out.jsonl")).Length);
    }

    [Fact]
    public async Task Default_max_line_length_is_ten_thousand_characters()
    {
        File.WriteAllText(scratch.File("long.tsv"), new string('x', 10_001) + "\ty\n");
        var result = await Invoke("corpus", "stats", "--tsv", scratch.File("long.tsv"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"{scratch.File("long.tsv")}:1: line is longer than 10,000 characters", result.Error);
    }

    [Fact]
    public async Task Missing_named_corpus_says_where_to_put_which_files_and_exits_2()
    {
        var result = await Invoke("corpus", "stats", "--corpus", "multi30k:val:de-en", "--data-dir", scratch.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(Path.Combine(scratch.Path, "multi30k", "val.de.gz"), result.Error);
        Assert.Contains("https://github.com/multi30k/dataset/raw/master/data/task1/raw/val.en.gz", result.Error);
    }

    [Theory]
    [InlineData("--tsv", "a.tsv", "--corpus", "multi30k:val:de-en", "--out-tsv", "o.tsv", "more than one corpus")]
    [InlineData("--source", "a.de", "--out-tsv", "o.tsv", "--source and --target go together")]
    [InlineData("--corpus", "multi30k:val", "--out-tsv", "o.tsv", "is not name:split:src-tgt")]
    [InlineData("--corpus", "multi30k:val:de-en", "--out-tsv", "o.tsv", "--out-jsonl", "o.jsonl", "more than one output")]
    public async Task Conflicting_or_incomplete_options_are_input_errors(params string[] argsAndProblem)
    {
        var result = await Invoke(["corpus", "convert", .. argsAndProblem[..^1].Select(a => a.Contains('.') && !a.Contains(':') ? scratch.File(a) : a), "--data-dir", TestData.Root]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(argsAndProblem[^1], result.Error);
        Assert.Empty(scratch.Files());
    }

    public void Dispose() => scratch.Dispose();
}
