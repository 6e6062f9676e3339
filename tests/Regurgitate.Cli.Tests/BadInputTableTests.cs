using System.Text;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests;

/// <summary>
/// Every command that reads a text file, over every kind of bad (or merely unusual) input file: an error is exit
/// code 2 and one line naming the file (and the line, where there is one), with no stack trace and nothing left
/// in the output folder; a BOM or CRLF line endings are read as plain UTF-8 text.
/// </summary>
public sealed class BadInputTableTests : IClassFixture<BadInputTableTests.TrainedRun>, IDisposable
{
    /// <summary>A tiny trained run for translate, a tokenizer for tokenizer encode, and a detector for detector rank/audit, made once.</summary>
    public sealed class TrainedRun : IDisposable
    {
        internal TestData.ScratchFolder Scratch { get; } = new();
        public string Run => Scratch.File("run");
        public string Tokenizer => Path.Combine(Run, "tokenizer.json");
        public string Detector => Scratch.File("detector");

        public TrainedRun()
        {
            File.WriteAllLines(Scratch.File("t.de"), Enumerable.Repeat(new[] { "ein hund", "eine katze", "ein mann" }, 10).SelectMany(x => x));
            File.WriteAllLines(Scratch.File("t.en"), Enumerable.Repeat(new[] { "a dog", "a cat", "a man" }, 10).SelectMany(x => x));
            var result = Invoke("train", "--train-source", Scratch.File("t.de"), "--train-target", Scratch.File("t.en"),
                "--vocab-size", "300", "--preset", "tiny", "--out", Run, "--max-updates", "1").GetAwaiter().GetResult();
            if (result.ExitCode != 0) throw new InvalidOperationException(result.Error);
            File.WriteAllLines(Scratch.File("human.txt"), Enumerable.Range(0, 60).Select(i => $"a dog number {i} runs"));
            File.WriteAllLines(Scratch.File("machine.txt"), Enumerable.Range(0, 60).Select(i => $"a dog dog {i} {i}"));
            result = Invoke("detector", "train", "--human", Scratch.File("human.txt"), "--machine", Scratch.File("machine.txt"), "--out", Detector)
                .GetAwaiter().GetResult();
            if (result.ExitCode != 0) throw new InvalidOperationException(result.Error);
        }

        public void Dispose() => Scratch.Dispose();
    }

    readonly TrainedRun trained;
    readonly TestData.ScratchFolder scratch = new();
    string Inputs => Directory.CreateDirectory(scratch.File("in")).FullName;
    string Outputs => scratch.File("out");

    public BadInputTableTests(TrainedRun trained) => this.trained = trained;

    /// <summary>Command lines; {F} is the file under test, {G} a good file of two lines, {O} the output folder, {R} a trained run, {T} its tokenizer, {D} a detector.</summary>
    static readonly Dictionary<string, string[]> Commands = new()
    {
        ["corpus stats"] = ["corpus", "stats", "--source", "{F}", "--target", "{G}"],
        ["corpus convert"] = ["corpus", "convert", "--source", "{F}", "--target", "{G}", "--out-tsv", "{O}/c.tsv"],
        ["corpus split"] = ["corpus", "split", "--source", "{F}", "--target", "{G}", "--out-dir", "{O}/split", "--valid", "0", "--test", "1"],
        ["tokenizer train"] = ["tokenizer", "train", "-i", "{F}", "--vocab-size", "300", "-o", "{O}/tokenizer.json"],
        ["tokenizer encode"] = ["tokenizer", "encode", "--tokenizer", "{T}", "-i", "{F}"],
        ["train"] = ["train", "--train-source", "{F}", "--train-target", "{G}", "--vocab-size", "300", "--preset", "tiny", "--out", "{O}/run", "--max-updates", "1"],
        ["translate"] = ["translate", "-c", "{R}", "-i", "{F}", "-o", "{O}/t.txt", "--greedy"],
        ["score"] = ["score", "--ref", "{G}", "--hyp", "{F}", "-o", "{O}/score.txt"],
        ["diversity"] = ["diversity", "{F}"],
        ["errors"] = ["errors", "--hyp", "{F}", "--src", "{G}", "--source-lang", "de", "--target-lang", "en", "--out", "{O}/errors.jsonl"],
        ["intervene noise"] = ["intervene", "noise", "--src", "{F}", "--ref", "{G}", "--out", "{O}/noised.txt"],
        ["intervene flatten"] = ["intervene", "flatten", "--ref", "{F}", "--src", "{G}", "--out", "{O}/flat.txt"],
        ["generate"] = ["generate", "-g", "{type: file, path: \"{G}\"}", "--sources", "{F}", "--out", "{O}/g.jsonl"],
        ["serve"] = ["serve", "--from-file", "{F}", "{G}", "--port", "0"],
        ["detector rank"] = ["detector", "rank", "--model", "{D}", "--corpus", "{F}", "--out", "{O}/rank.jsonl"],
        ["detector audit"] = ["detector", "audit", "--model", "{D}", "--corpus", "{F}", "--out", "{O}/audit.jsonl"],
    };

    // Transforms of a stream map an empty input to an empty output; everything else refuses an empty input.
    static readonly HashSet<string> AcceptEmpty = ["tokenizer encode", "translate"];

    static readonly string[] Kinds = ["empty", "BOM", "CRLF", "invalid UTF-8", "directory", "missing", "damaged gzip"];

    public static IEnumerable<object[]> Cases() =>
        from command in Commands.Keys
        from kind in Kinds
        where !(command == "serve" && kind is "BOM" or "CRLF") // a good input would make serve serve
        select new object[] { command, kind };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_gives_one_line_naming_the_file_exit_2_and_leaves_nothing(string command, string kind) =>
        await Check(command, kind);

    async Task Check(string command, string kind)
    {
        File.WriteAllLines(Path.Combine(Inputs, "good.txt"), ["a dog", "a cat"]);
        string file = MakeInput(kind);
        var arguments = Commands[command].Select(a => a
            .Replace("{F}", file, StringComparison.Ordinal).Replace("{G}", Path.Combine(Inputs, "good.txt"), StringComparison.Ordinal)
            .Replace("{O}", Outputs, StringComparison.Ordinal).Replace("{R}", trained.Run, StringComparison.Ordinal)
            .Replace("{T}", trained.Tokenizer, StringComparison.Ordinal).Replace("{D}", trained.Detector, StringComparison.Ordinal)).ToArray();
        var result = await Invoke(arguments);

        Assert.DoesNotContain("   at ", result.Error);
        if (kind is "BOM" or "CRLF" || (kind == "empty" && AcceptEmpty.Contains(command)))
        {
            Assert.True(result.ExitCode == 0, $"{command} on {kind}: {result.Error}");
            return;
        }
        Assert.True(result.ExitCode == 2, $"{command} on {kind}: exit {result.ExitCode}: {result.Error}");
        string message = Assert.Single(result.Error.Trim().Split('\n'));
        Assert.StartsWith("regurg: error: ", message);
        Assert.Contains(file, message);
        if (kind == "invalid UTF-8") Assert.Contains($"{file}:2:", message);
        if (kind == "directory") Assert.Contains("directory", message);
        Assert.False(Directory.Exists(Outputs) && Directory.EnumerateFileSystemEntries(Outputs, "*", SearchOption.AllDirectories).Any(),
            $"{command} on {kind} left files behind");
    }

    string MakeInput(string kind)
    {
        switch (kind)
        {
            case "empty":
                File.WriteAllText(Path.Combine(Inputs, "empty.txt"), "");
                return Path.Combine(Inputs, "empty.txt");
            case "BOM":
                File.WriteAllBytes(Path.Combine(Inputs, "bom.txt"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("ein hund\neine katze\n")]);
                return Path.Combine(Inputs, "bom.txt");
            case "CRLF":
                File.WriteAllText(Path.Combine(Inputs, "crlf.txt"), "ein hund\r\neine katze\r\n");
                return Path.Combine(Inputs, "crlf.txt");
            case "invalid UTF-8":
                File.WriteAllBytes(Path.Combine(Inputs, "latin1.txt"), [.. Encoding.UTF8.GetBytes("ein hund\nM"), 0xFC, (byte)'n', (byte)'\n']);
                return Path.Combine(Inputs, "latin1.txt");
            case "directory":
                return Directory.CreateDirectory(Path.Combine(Inputs, "folder.txt")).FullName;
            case "missing":
                return Path.Combine(Inputs, "missing.txt");
            default:
                File.WriteAllText(Path.Combine(Inputs, "damaged.txt.gz"), "this is not gzip");
                return Path.Combine(Inputs, "damaged.txt.gz");
        }
    }

    public void Dispose() => scratch.Dispose();
}
