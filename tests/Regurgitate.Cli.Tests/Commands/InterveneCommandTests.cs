using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

/// <summary>`regurg intervene noise|flatten` on Multi30k de→en training pairs.</summary>
public sealed class InterveneCommandTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    (string Source, string Target) Pairs(int count)
    {
        string source = scratch.File("train.de"), target = scratch.File("train.en");
        File.WriteAllLines(source, TestData.Multi30k("train", "de").Take(count));
        File.WriteAllLines(target, TestData.Multi30k("train", "en").Take(count));
        return (source, target);
    }

    [Fact]
    public async Task Noise_writes_aligned_targets_and_prints_the_realised_rate()
    {
        var (source, target) = Pairs(1000);
        string output = scratch.File("noised.en");
        var (code, stdout, error) = await Run("intervene", "noise", "--src", source, "--ref", target, "--out", output, "--rate", "0.2", "--ops", "drop,substitute=2", "--seed", "7");
        Assert.True(code == 0, error);
        var noised = File.ReadAllLines(output);
        Assert.Equal(1000, noised.Length);
        Assert.Contains("noise rate 0.2 (drop=1,swap=0,substitute=2), seed 7", stdout);
        var rate = System.Text.RegularExpressions.Regex.Match(stdout, @"tokens corrupted: [\d,]+ of [\d,]+ \(([\d.]+)%\)");
        Assert.InRange(double.Parse(rate.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 19, 21);
        Assert.Contains("changed vs original: TER", stdout);
        Assert.Contains("MTLD: ", stdout);
        // The same command gives the same file.
        string again = scratch.File("again.en");
        await Run("intervene", "noise", "--src", source, "--ref", target, "--out", again, "--rate", "0.2", "--ops", "drop,substitute=2", "--seed", "7");
        Assert.Equal(noised, File.ReadAllLines(again));
    }

    [Fact]
    public async Task Flatten_lowers_the_vocabulary_and_keeps_most_words()
    {
        var (source, target) = Pairs(5000);
        string output = scratch.File("flat.en");
        var (code, stdout, error) = await Run("intervene", "flatten", "--src", source, "--ref", target, "--out", output, "--strength", "1");
        Assert.True(code == 0, error);
        Assert.Equal(5000, File.ReadAllLines(output).Length);
        var vocabulary = System.Text.RegularExpressions.Regex.Match(stdout, @"vocab: (\d+) -> (\d+)");
        Assert.True(int.Parse(vocabulary.Groups[2].Value) < int.Parse(vocabulary.Groups[1].Value), stdout);
        Assert.Contains("flatten strength 1, link share 0.3", stdout);
    }

    public static TheoryData<string[], string> BadArguments() => new()
    {
        { ["noise", "--rate", "1.5"], "noise rate must lie in [0, 1]" },
        { ["noise", "--ops", "drop,shuffle"], "--ops: unknown operation 'shuffle'" },
        { ["noise", "--ops", "drop=-1"], "the weight of drop" },
        { ["flatten", "--strength", "2"], "strength must lie in [0, 1]" },
        { ["flatten", "--iterations", "0"], "EM iterations" },
    };

    [Theory]
    [MemberData(nameof(BadArguments))]
    public async Task Bad_settings_give_one_line_and_exit_2(string[] arguments, string phrase)
    {
        var (source, target) = Pairs(20);
        string output = scratch.File("o.en");
        var (code, _, error) = await Run(["intervene", arguments[0], "--src", source, "--ref", target, "--out", output, .. arguments[1..]]);
        Assert.Equal(2, code);
        Assert.Contains(phrase, Assert.Single(error.Trim().Split('\n')));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Misaligned_or_empty_targets_name_the_file_and_line()
    {
        var (source, _) = Pairs(3);
        string short_ = scratch.File("short.en"), blank = scratch.File("blank.en");
        File.WriteAllLines(short_, ["a dog", "a cat"]);
        File.WriteAllLines(blank, ["a dog", "", "a cat"]);
        var (code, _, error) = await Run("intervene", "noise", "--src", source, "--ref", short_, "--out", scratch.File("o.en"));
        Assert.Equal(2, code);
        Assert.Contains($"{short_}: 2 lines in --ref but 3", error);
        (code, _, error) = await Run("intervene", "flatten", "--src", source, "--ref", blank, "--out", scratch.File("o.en"));
        Assert.Equal(2, code);
        Assert.Contains($"{blank}:2: an empty target", error);
    }

    [Fact]
    public async Task Help_lists_the_settings_with_their_defaults()
    {
        var (code, stdout, _) = await Run("intervene", "noise", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--rate", stdout);
        Assert.Contains("[default: 0.1]", stdout);
        (code, stdout, _) = await Run("intervene", "flatten", "--help");
        Assert.Equal(0, code);
        Assert.Contains("--strength", stdout);
        Assert.Contains("[default: 0.5]", stdout);
    }
}
