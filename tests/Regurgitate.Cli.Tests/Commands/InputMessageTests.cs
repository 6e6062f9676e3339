using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

/// <summary>
/// Bad input files given to the commands that read text: one line naming the file (and the line,
/// where there is one), exit code 2, and no stack trace, whichever command reads them.
/// </summary>
public sealed class InputMessageTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = TestData.Scratch();
    readonly string good, badAtLine50, directory;

    public InputMessageTests()
    {
        good = scratch.File("good.txt");
        File.WriteAllLines(good, Enumerable.Range(1, 50).Select(i => $"Das ist Satz {i}."));
        badAtLine50 = scratch.File("latin1.txt");
        // 49 good lines, then "Grüße" in Latin-1: the first invalid UTF-8 byte is on line 50.
        File.WriteAllBytes(badAtLine50, [.. File.ReadAllBytes(good).Take(File.ReadAllBytes(good).Length - "Das ist Satz 50.\n".Length),
            0x47, 0x72, 0xFC, 0xDF, 0x65, 0x0A]);
        directory = scratch.File("a-folder");
        Directory.CreateDirectory(directory);
    }

    public void Dispose() => scratch.Dispose();

    static async Task<string> SingleErrorLine(params string[] args)
    {
        var (code, output, error) = await Run(args);
        Assert.True(code == 2, $"exit {code}; {output}{error}");
        var lines = error.Trim().Split('\n');
        Assert.Single(lines);
        Assert.StartsWith("regurg: error: ", lines[0]);
        Assert.DoesNotContain("   at ", error);
        Assert.DoesNotContain("Exception", error);
        return lines[0];
    }

    /// <summary>A command line the parser refuses: exit code 2, and the refused token named.</summary>
    static async Task Rejected(string token, params string[] args)
    {
        var (code, _, error) = await Run(args);
        Assert.Equal(2, code);
        Assert.Contains(token, error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public async Task Invalid_utf8_names_the_file_and_the_exact_line_in_every_reader()
    {
        string[][] commands =
        [
            ["score", "--ref", good, "--hyp", badAtLine50],
            ["diversity", good, badAtLine50],
            ["errors", "--hyp", badAtLine50, "--src", good, "--source-lang", "de", "--target-lang", "de"],
            ["tokenizer", "train", "-i", badAtLine50, "-o", scratch.File("t.json")],
            ["serve", "--from-file", badAtLine50, good, "--port", "0"],
            ["corpus", "stats", "--source", badAtLine50, "--target", good],
        ];
        foreach (var command in commands)
        {
            string line = await SingleErrorLine(command);
            Assert.True(line.StartsWith($"regurg: error: {badAtLine50}:50: invalid UTF-8", StringComparison.Ordinal), $"{string.Join(' ', command)}: {line}");
        }
        Assert.False(File.Exists(scratch.File("t.json")));
    }

    [Fact]
    public async Task A_directory_given_as_an_input_file_is_said_to_be_a_directory()
    {
        string[][] commands =
        [
            ["score", "--ref", directory, "--hyp", good],
            ["diversity", directory],
            ["errors", "--hyp", directory, "--src", good, "--source-lang", "de", "--target-lang", "de"],
            ["tokenizer", "train", "-i", directory, "-o", scratch.File("t.json")],
            ["tokenizer", "encode", "-t", directory, "-i", good],
            ["serve", "--from-file", directory, good, "--port", "0"],
            ["corpus", "convert", "--tsv", directory, "--out-jsonl", scratch.File("x.jsonl")],
            ["corpus", "stats", "--source", directory, "--target", good],
            ["translate", "--checkpoint", scratch.Path, "--input", directory],
            ["generate", "--generator", directory, "--sources", good, "--out", scratch.File("g.jsonl")],
            ["generate", "--generator", $"{{type: file, path: {directory}}}", "--sources", good, "--out", scratch.File("g.jsonl")],
        ];
        foreach (var command in commands)
        {
            string line = await SingleErrorLine(command);
            Assert.True(line.StartsWith($"regurg: error: {directory}: is a directory", StringComparison.Ordinal), $"{string.Join(' ', command)}: {line}");
        }
        Assert.False(File.Exists(scratch.File("x.jsonl")));
        Assert.False(File.Exists(scratch.File("g.jsonl")));
    }

    [Fact]
    public async Task Short_options_mean_the_same_in_every_command()
    {
        // -i is --input and -s is --sources elsewhere; score spells its systems --hyp and its smoothing --smooth-method.
        await Rejected("-i", "score", "--ref", good, "-i", good);
        await Rejected("-s", "score", "--ref", good, "--hyp", good, "-s", "floor");
        var (code, output, error) = await Run("score", "--ref", good, "--hyp", good, "--smooth-method", "floor");
        Assert.True(code == 0, error);
        Assert.StartsWith("BLEU|", output);
    }

    [Fact]
    public async Task Max_line_length_is_offered_only_where_lines_are_read()
    {
        foreach (var command in new[] { new[] { "doctor" }, ["corpus", "list"], ["corpus", "download"] })
        {
            var (code, help, _) = await Run([.. command, "--help"]);
            Assert.Equal(0, code);
            Assert.Contains("--data-dir", help);
            Assert.DoesNotContain("--max-line-length", help);
        }
        Assert.Contains("--max-line-length", (await Run("corpus", "stats", "--help")).Out);
        string line = await SingleErrorLine("corpus", "stats", "--source", good, "--target", good, "--max-line-length", "5");
        Assert.StartsWith($"regurg: error: {good}:1: line is longer than 5 characters", line);
    }
}
