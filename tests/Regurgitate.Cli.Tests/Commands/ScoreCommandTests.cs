using System.IO.Compression;
using System.Text.Json;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

/// <summary>`regurg score` end to end: formats, errors, gzip input, paired tests.</summary>
public class ScoreCommandTests
{
    [Fact]
    public async Task Text_output_is_sacrebleus_one_line_summary()
    {
        var (code, output, _) = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--hyp", TestData.Wmt17("C-3MA.4959.de"));
        Assert.Equal(0, code);
        Assert.Equal(
            "BLEU|nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 22.7 56.2/28.7/16.9/10.3 (BP = 0.985 ratio = 0.985 hyp_len = 60395 ref_len = 61287)",
            output.TrimEnd());
    }

    [Fact]
    public async Task Json_output_carries_scores_signatures_and_bleu_statistics()
    {
        var (code, output, _) = await Run("score", "-r", TestData.Wmt17("reference.de"), "--hyp", TestData.Wmt17("online-B.0.de"),
            "--metrics", "bleu,chrf,chrf++,ter", "--format", "json", "--width", "4");
        Assert.Equal(0, code);
        var items = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(["BLEU", "chrF2", "chrF2++", "TER"], items.Select(i => i.GetProperty("name").GetString()));
        var expected = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestData.Wmt17Systems, "expected-sacrebleu-2.6.0.json")))
            .RootElement.GetProperty("online-B.0.de");
        string[] keys = ["bleu", "chrf", "chrf++", "ter"];
        for (int k = 0; k < keys.Length; k++)
        {
            Assert.Equal(expected.GetProperty(keys[k]).GetProperty("score").GetDouble(), items[k].GetProperty("score").GetDouble(), 4);
            Assert.Equal(expected.GetProperty(keys[k]).GetProperty("signature").GetString(), items[k].GetProperty("signature").GetString());
        }
        var bleu = items[0];
        Assert.Equal(expected.GetProperty("bleu").GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()),
            bleu.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()));
        Assert.Equal(expected.GetProperty("bleu").GetProperty("ref_len").GetInt64(), bleu.GetProperty("ref_len").GetInt64());
        Assert.StartsWith("BP = ", bleu.GetProperty("verbose_score").GetString()!.Split('(')[1]);
        Assert.Equal("13a", bleu.GetProperty("tok").GetString());
        Assert.False(string.IsNullOrEmpty(bleu.GetProperty("regurgitate_version").GetString()));
    }

    [Fact]
    public async Task Mismatched_line_counts_exit_2_naming_files_and_counts()
    {
        var shortRef = Path.Combine(Path.GetTempPath(), $"regurg-short-{Guid.NewGuid():N}.de");
        File.WriteAllLines(shortRef, File.ReadLines(TestData.Wmt17("reference.de")).Take(10));
        try
        {
            var hyp = TestData.Wmt17("KIT.4950.de");
            var (code, output, error) = await Run("score", "--ref", shortRef, "--hyp", hyp);
            Assert.Equal(2, code);
            Assert.Equal("", output);
            Assert.Contains(hyp, error);
            Assert.Contains(shortRef, error);
            Assert.Contains("3004", error);
            Assert.Contains(" 10", error);
            Assert.DoesNotContain("   at ", error);
        }
        finally { File.Delete(shortRef); }
    }

    [Fact]
    public async Task Gzipped_inputs_score_like_plain_ones()
    {
        var gz = Path.Combine(Path.GetTempPath(), $"regurg-hyp-{Guid.NewGuid():N}.de.gz");
        using (var file = File.Create(gz))
        using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        using (var source = File.OpenRead(TestData.Wmt17("xmu.4910.de")))
            source.CopyTo(zip);
        try
        {
            var plain = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--hyp", TestData.Wmt17("xmu.4910.de"), "-m", "bleu,ter");
            var zipped = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--hyp", gz, "-m", "bleu,ter");
            Assert.Equal(0, zipped.Code);
            Assert.Equal(plain.Out, zipped.Out);
        }
        finally { File.Delete(gz); }
    }

    [Fact]
    public async Task Paired_bootstrap_prints_a_table_with_baseline_and_p_values()
    {
        var (code, output, _) = await Run("score", "--ref", TestData.Wmt17("reference.de"),
            "--hyp", TestData.Wmt17("LIUM-NMT.4900.de"), "--hyp", TestData.Wmt17("online-F.0.de"), "--hyp", TestData.Wmt17("online-B.0.de"),
            "--paired-bs", "--paired-bs-n", "200", "--tokenize", "none");
        Assert.Equal(0, code);
        Assert.Contains("Baseline: ", output);
        Assert.Contains("BLEU (μ ± 95% CI)", output);
        Assert.Contains("(p = 0.0050)*", output); // online-F is far worse: the smallest p with 200 resamples
        Assert.Contains("nrefs:1|bs:200|seed:12345|case:mixed|eff:no|tok:none|smooth:exp|version:2.6.0", output);
        Assert.Contains("Paired bootstrap resampling test with 200 resampling trials", output);
    }

    [Fact]
    public async Task Paired_randomization_json_has_p_values_for_all_but_the_baseline()
    {
        var (code, output, _) = await Run("score", "--ref", TestData.Wmt17("reference.de"),
            "--hyp", TestData.Wmt17("LIUM-NMT.4900.de"), "--hyp", TestData.Wmt17("xmu.4910.de"),
            "--paired-ar", "--paired-ar-n", "500", "-f", "json");
        Assert.Equal(0, code);
        var items = JsonDocument.Parse(output).RootElement.EnumerateArray().ToArray();
        Assert.Equal(2, items.Length);
        Assert.False(items[0].TryGetProperty("p_value", out _));
        Assert.InRange(items[1].GetProperty("p_value").GetDouble(), 0.3, 1.0);
        Assert.Equal("500", items[1].GetProperty("ar").GetString());
    }

    [Fact]
    public async Task Sentence_level_prints_one_line_per_segment_with_effective_order()
    {
        var hyp = Path.Combine(Path.GetTempPath(), $"regurg-hyp-{Guid.NewGuid():N}.de");
        var reference = Path.Combine(Path.GetTempPath(), $"regurg-ref-{Guid.NewGuid():N}.de");
        File.WriteAllLines(hyp, ["the cat sat on the mat", "hello"]);
        File.WriteAllLines(reference, ["the cat sat on the mat", "hello world"]);
        try
        {
            var (code, output, _) = await Run("score", "--ref", reference, "--hyp", hyp, "--sentence-level", "-w", "2");
            Assert.Equal(0, code);
            var lines = output.TrimEnd().Split('\n');
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("BLEU|nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0 = 100.00 ", lines[0]);
            // One unigram of one matches, effective order 1, BP = exp(1 - 2/1).
            Assert.StartsWith("BLEU|nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0 = 36.79 ", lines[1]);
        }
        finally { File.Delete(hyp); File.Delete(reference); }
    }

    [Theory]
    [InlineData("--metrics", "meteor")]
    [InlineData("--tokenize", "moses")]
    [InlineData("--smooth-method", "laplace")]
    [InlineData("--format", "xml")]
    public async Task Unknown_settings_are_input_errors(string option, string value)
    {
        var (code, _, error) = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--hyp", TestData.Wmt17("KIT.4950.de"), option, value);
        Assert.Equal(2, code);
        Assert.Contains(value, error);
    }

    [Fact]
    public async Task Output_file_is_written_whole()
    {
        var target = Path.Combine(Path.GetTempPath(), $"regurg-score-{Guid.NewGuid():N}.json");
        try
        {
            var (code, output, _) = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--hyp", TestData.Wmt17("KIT.4950.de"), "-f", "json", "-o", target);
            Assert.Equal(0, code);
            Assert.Equal("", output);
            Assert.Equal("BLEU", JsonDocument.Parse(File.ReadAllText(target)).RootElement[0].GetProperty("name").GetString());
        }
        finally { File.Delete(target); }
    }
    [Fact]
    public async Task Confidence_adds_the_bootstrap_interval_and_its_signature_fields()
    {
        var (code, output, _) = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--hyp", TestData.Wmt17("uedin-nmt.4722.de"),
            "--confidence", "--confidence-n", "300", "-m", "bleu,chrf");
        Assert.Equal(0, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal(2, lines.Length);
        Assert.Contains("BLEU|nrefs:1|bs:300|seed:12345|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0 = 28.3 (μ = 28.", lines[0]);
        Assert.Matches(@"chrF2\|nrefs:1\|bs:300\|seed:12345\|.* = \d+\.\d \(μ = \d+\.\d ± 0\.\d\)$", lines[1]);
        // Aligned on " = " like sacreBLEU's multi-metric output.
        Assert.Equal(lines[0].IndexOf(" = ", StringComparison.Ordinal), lines[1].IndexOf(" = ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Several_references_raise_the_score_and_say_so_in_the_signature()
    {
        var single = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--hyp", TestData.Wmt17("KIT.4950.de"), "-f", "json");
        // A second "reference" that is another system's output: a superset of n-grams to match.
        var multi = await Run("score", "--ref", TestData.Wmt17("reference.de"), "--ref", TestData.Wmt17("uedin-nmt.4722.de"),
            "--hyp", TestData.Wmt17("KIT.4950.de"), "-f", "json");
        Assert.Equal(0, multi.Code);
        var one = JsonDocument.Parse(single.Out).RootElement[0];
        var two = JsonDocument.Parse(multi.Out).RootElement[0];
        Assert.Equal("2", two.GetProperty("nrefs").GetString());
        Assert.True(two.GetProperty("score").GetDouble() > one.GetProperty("score").GetDouble() + 5);
    }

    [Fact]
    public async Task An_empty_reference_line_is_an_input_error_with_its_line_number()
    {
        var hyp = Path.Combine(Path.GetTempPath(), $"regurg-hyp-{Guid.NewGuid():N}.de");
        var reference = Path.Combine(Path.GetTempPath(), $"regurg-ref-{Guid.NewGuid():N}.de");
        File.WriteAllLines(hyp, ["a b c d", "e f g h", "i j"]);
        File.WriteAllLines(reference, ["a b c d", "  ", "i j"]);
        try
        {
            var (code, _, error) = await Run("score", "--ref", reference, "--hyp", hyp);
            Assert.Equal(2, code);
            Assert.Contains($"{reference}:2: empty reference segment", error);
        }
        finally { File.Delete(hyp); File.Delete(reference); }
    }
}
