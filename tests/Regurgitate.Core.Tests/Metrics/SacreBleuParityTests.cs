using System.Text.Json;
using Regurgitate.Metrics;

namespace Regurgitate.Tests.Metrics;

/// <summary>Every number in expected-sacrebleu-2.6.0.json, reproduced to 4 decimals.</summary>
public class SacreBleuParityTests
{
    static void Close(double expected, double actual, string what, double tolerance = 0.000051) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected}, got {actual}");

    static readonly (string Key, BleuOptions Options)[] BleuVariants =
    [
        ("bleu", new BleuOptions()),
        ("bleu_intl", new BleuOptions { Tokenize = "intl" }),
        ("bleu_lc", new BleuOptions { Lowercase = true }),
        ("bleu_none", new BleuOptions { Tokenize = "none" }),
    ];

    [Fact]
    public void Bleu_matches_sacrebleu_on_wmt17_systems()
    {
        var expected = MetricsTestData.Expected();
        int checkedScores = 0;
        foreach (var (key, options) in BleuVariants)
        {
            var bleu = new Bleu(options);
            foreach (var system in expected.EnumerateObject())
            {
                var want = system.Value.GetProperty(key);
                var got = (BleuScore)bleu.CorpusScore(MetricsTestData.System(system.Name), MetricsTestData.Reference);
                string what = $"{system.Name} {key}";
                Assert.Equal(want.GetProperty("counts").EnumerateArray().Select(e => e.GetDouble()), got.Counts);
                Assert.Equal(want.GetProperty("totals").EnumerateArray().Select(e => e.GetDouble()), got.Totals);
                Assert.Equal(want.GetProperty("sys_len").GetInt64(), got.HypothesisLength);
                Assert.Equal(want.GetProperty("ref_len").GetInt64(), got.ReferenceLength);
                Close(want.GetProperty("bp").GetDouble(), got.BrevityPenalty, what + " bp", 0.0000051);
                Close(want.GetProperty("score").GetDouble(), got.Score, what);
                Assert.Equal(want.GetProperty("signature").GetString(), got.Signature.ToString());
                checkedScores++;
            }
        }
        Assert.Equal(16 * 4, checkedScores);
    }

    [Theory]
    [InlineData("chrf", 0)]
    [InlineData("chrf++", 2)]
    public void Chrf_matches_sacrebleu_on_wmt17_systems(string key, int wordOrder)
    {
        var chrf = new Chrf(new ChrfOptions { WordOrder = wordOrder });
        var expected = MetricsTestData.Expected();
        foreach (var system in expected.EnumerateObject())
        {
            var want = system.Value.GetProperty(key);
            var got = chrf.CorpusScore(MetricsTestData.System(system.Name), MetricsTestData.Reference);
            Close(want.GetProperty("score").GetDouble(), got.Score, $"{system.Name} {key}");
            Assert.Equal(want.GetProperty("signature").GetString(), got.Signature.ToString());
        }
        Assert.Equal(wordOrder == 0 ? "chrF2" : "chrF2++", chrf.Name);
    }

    [Fact]
    public void Ter_matches_sacrebleu_on_wmt17_systems()
    {
        var ter = new Ter();
        var expected = MetricsTestData.Expected();
        foreach (var system in expected.EnumerateObject())
        {
            var want = system.Value.GetProperty("ter");
            var got = ter.CorpusScore(MetricsTestData.System(system.Name), MetricsTestData.Reference);
            Close(want.GetProperty("score").GetDouble(), got.Score, $"{system.Name} ter");
            Assert.Equal(want.GetProperty("signature").GetString(), got.Signature.ToString());
        }
    }

    [Fact]
    public void Sentence_bleu_matches_sacrebleu_on_first_20_lines_of_every_system()
    {
        var bleu = new Bleu(BleuOptions.Sentence);
        var reference = MetricsTestData.Reference;
        foreach (var system in MetricsTestData.Expected().EnumerateObject())
        {
            var hyps = MetricsTestData.System(system.Name);
            var want = system.Value.GetProperty("sentence_bleu_first20").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(20, want.Length);
            for (int i = 0; i < want.Length; i++)
                Close(want[i], bleu.SentenceScore(hyps[i], [reference[i]]).Score, $"{system.Name} line {i + 1}");
        }
        Assert.Equal("nrefs:1|case:mixed|eff:yes|tok:13a|smooth:exp|version:2.6.0", bleu.SignatureFor(1).ToString());
    }

    [Fact]
    public void Segment_scores_from_statistics_equal_sentence_scores()
    {
        var bleu = new Bleu(BleuOptions.Sentence);
        var hyps = MetricsTestData.System("online-B.0.de").Take(50).ToArray();
        var refs = MetricsTestData.Reference.Take(50).ToArray();
        var perSegment = bleu.Statistics(hyps, [refs]).SegmentScores();
        for (int i = 0; i < hyps.Length; i++)
            Assert.Equal(bleu.SentenceScore(hyps[i], [refs[i]]).Score, perSegment[i].Score, 12);
    }
}
