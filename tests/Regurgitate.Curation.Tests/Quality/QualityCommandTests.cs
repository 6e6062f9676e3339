using System.Text.Json;
using Regurgitate.Cli;
using Regurgitate.Corpora;
using Regurgitate.Generators;

namespace Regurgitate.Tests.Quality;

/// <summary>`regurg quality score` and `evaluate` end to end on WMT17 outputs, and their answers to bad input.</summary>
public class QualityCommandTests
{
    const int Count = 300;

    static async Task<(int Code, string Out, string Err)> Regurg(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await CommandLine.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>online-B's outputs as a `regurg generate` corpus (with made-up log-probabilities), and two other systems as plain files.</summary>
    static (string Corpus, string Others) WriteInputs(TestData.ScratchFolder scratch)
    {
        var pairs = Wmt17Pairs.Pairs(Count);
        string corpus = scratch.File("corpus.jsonl");
        File.WriteAllLines(corpus, pairs.Select(p => SyntheticCorpusJsonl.Format(new SyntheticSegment(p.Id, p.Source,
            new GeneratedSegment(p.Target, LogProbability: -0.1 * p.Target.Length, Usage: new TokenUsage(10, p.Target.Length / 4 + 1)),
            Provenance.Machine("online-B")))));
        var others = new[] { "uedin-nmt.4722.de", "KIT.4950.de" }.Select(f =>
        {
            string path = scratch.File(f);
            File.WriteAllLines(path, Wmt17Pairs.Lines(f, Count));
            return path;
        });
        return (corpus, string.Join(',', others));
    }

    [Fact]
    public async Task Score_writes_one_line_per_pair_beside_the_corpus_and_evaluate_reads_it()
    {
        using var scratch = TestData.Scratch();
        var (corpus, others) = WriteInputs(scratch);
        var score = await Regurg("quality", "score", "--corpus", corpus, "--scores", "confidence,agreement,errors", "--others", others,
            "--source-lang", "en", "--target-lang", "de");
        Assert.True(score.Code == 0, score.Err);
        Assert.Contains("agreement", score.Out);
        string quality = scratch.File("corpus.quality.jsonl");
        var lines = File.ReadAllLines(quality);
        Assert.Equal(Count, lines.Length);
        using (var first = JsonDocument.Parse(lines[0]))
        {
            Assert.Equal("1", first.RootElement.GetProperty("id").GetString());
            foreach (var name in new[] { "confidence", "agreement", "errors", "combined" })
                Assert.Equal(JsonValueKind.Number, first.RootElement.GetProperty(name).ValueKind);
        }

        var evaluate = await Regurg("quality", "evaluate", "--quality", quality, "--ref", TestData.Wmt17("reference.de"), "--format", "json");
        Assert.True(evaluate.Code == 0, evaluate.Err);
        using var json = JsonDocument.Parse(evaluate.Out);
        var agreement = json.RootElement.GetProperty("scores").GetProperty("agreement");
        Assert.Equal(Count, agreement.GetProperty("pairs").GetInt32());
        Assert.True(agreement.GetProperty("spearman").GetDouble() > 0.1);
        Assert.True(json.RootElement.GetProperty("scores").GetProperty("combined").GetProperty("top_precision").GetProperty("50").GetDouble() > 0.5);
    }

    [Fact]
    public async Task Help_names_every_score()
    {
        var help = await Regurg("quality", "score", "--help");
        Assert.Equal(0, help.Code);
        foreach (var name in new[] { "confidence", "scorer", "round-trip", "agreement", "errors", "combined" }) Assert.Contains(name, help.Out);
    }

    [Fact]
    public async Task A_malformed_corpus_line_is_exit_2_naming_file_and_line()
    {
        using var scratch = TestData.Scratch();
        var (corpus, _) = WriteInputs(scratch);
        var lines = File.ReadAllLines(corpus);
        lines[2] = lines[2][..20];
        File.WriteAllLines(corpus, lines);
        var run = await Regurg("quality", "score", "--corpus", corpus, "--scores", "errors", "--source-lang", "en", "--target-lang", "de");
        Assert.Equal(2, run.Code);
        Assert.Contains($"{corpus}:3:", run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task A_malformed_quality_line_is_exit_2_naming_file_and_line()
    {
        using var scratch = TestData.Scratch();
        string quality = scratch.File("q.jsonl");
        File.WriteAllLines(quality, ["{\"id\":\"1\",\"target\":\"a\",\"errors\":1,\"combined\":0,\"flags\":[]}", "{\"id\":\"2\",\"target\":\"b\",\"errors\":\"x\",\"combined\":0}"]);
        var run = await Regurg("quality", "evaluate", "--quality", quality, "--ref", TestData.Wmt17("reference.de"));
        Assert.Equal(2, run.Code);
        Assert.Contains($"{quality}:2:", run.Err);
    }

    [Fact]
    public async Task Misaligned_source_and_target_files_are_exit_2_naming_the_first_unpaired_line()
    {
        using var scratch = TestData.Scratch();
        string src = scratch.File("src.en"), hyp = scratch.File("hyp.de");
        File.WriteAllLines(src, Wmt17Pairs.Sources(10));
        File.WriteAllLines(hyp, Wmt17Pairs.Lines(Wmt17Pairs.Scored, 11));
        var run = await Regurg("quality", "score", "--src", src, "--hyp", hyp, "--scores", "errors", "--source-lang", "en", "--target-lang", "de");
        Assert.Equal(2, run.Code);
        Assert.Contains($"{hyp}:11:", run.Err);
    }

    [Fact]
    public async Task Another_generators_file_too_short_is_exit_2_naming_it()
    {
        using var scratch = TestData.Scratch();
        var (corpus, _) = WriteInputs(scratch);
        string other = scratch.File("short.de");
        File.WriteAllLines(other, Wmt17Pairs.Lines("KIT.4950.de", Count - 1));
        var run = await Regurg("quality", "score", "--corpus", corpus, "--scores", "agreement", "--others", other, "--source-lang", "en", "--target-lang", "de");
        Assert.Equal(2, run.Code);
        Assert.Contains($"{other}:{Count}:", run.Err);
    }

    [Fact]
    public async Task Another_generators_file_longer_than_plain_inputs_is_exit_2_naming_its_first_extra_line()
    {
        using var scratch = TestData.Scratch();
        string src = scratch.File("src.en"), hyp = scratch.File("hyp.de"), other = scratch.File("other.de");
        File.WriteAllLines(src, Wmt17Pairs.Sources(10));
        File.WriteAllLines(hyp, Wmt17Pairs.Lines(Wmt17Pairs.Scored, 10));
        File.WriteAllLines(other, Wmt17Pairs.Lines("KIT.4950.de", 12));
        var run = await Regurg("quality", "score", "--src", src, "--hyp", hyp, "--scores", "agreement", "--others", other, "--source-lang", "en", "--target-lang", "de");
        Assert.Equal(2, run.Code);
        Assert.Contains($"{other}:11:", run.Err);
    }

    [Fact]
    public async Task An_unknown_score_name_is_exit_2_listing_the_known_ones()
    {
        using var scratch = TestData.Scratch();
        var (corpus, _) = WriteInputs(scratch);
        var run = await Regurg("quality", "score", "--corpus", corpus, "--scores", "errors,comet", "--source-lang", "en", "--target-lang", "de");
        Assert.Equal(2, run.Code);
        Assert.Contains("unknown score 'comet'", run.Err);
        Assert.Contains("round-trip", run.Err);
        Assert.False(File.Exists(scratch.File("corpus.quality.jsonl")));
    }

    [Fact]
    public async Task A_missing_scorer_model_directory_is_exit_2_naming_it()
    {
        using var scratch = TestData.Scratch();
        var (corpus, _) = WriteInputs(scratch);
        string missing = scratch.File("no-such-model");
        var run = await Regurg("quality", "score", "--corpus", corpus, "--scores", "scorer", "--scorer-model", missing, "--source-lang", "en", "--target-lang", "de");
        Assert.Equal(2, run.Code);
        Assert.Contains(missing, run.Err);
        Assert.Contains("--scorer-model", run.Err);
        var none = await Regurg("quality", "score", "--corpus", corpus, "--scores", "scorer", "--source-lang", "en", "--target-lang", "de");
        Assert.Equal(2, none.Code);
        Assert.Contains("needs --scorer-model", none.Err);
    }

    [Fact]
    public async Task An_output_path_that_is_a_directory_is_exit_2_before_any_work()
    {
        using var scratch = TestData.Scratch();
        var (corpus, _) = WriteInputs(scratch);
        string directory = scratch.File("out");
        Directory.CreateDirectory(directory);
        var run = await Regurg("quality", "score", "--corpus", corpus, "--scores", "errors", "--source-lang", "en", "--target-lang", "de", "--out", directory);
        Assert.Equal(2, run.Code);
        Assert.Contains($"{directory}: is a directory", run.Err);
    }
}
