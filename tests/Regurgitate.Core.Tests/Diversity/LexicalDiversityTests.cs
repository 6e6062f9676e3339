using Regurgitate.Diversity;

namespace Regurgitate.Tests.Diversity;

public class LexicalDiversityTests
{
    static readonly DiversityOptions Whitespace = new(Tokenization: DiversityTokenization.Whitespace, BootstrapSamples: 0);

    [Fact]
    public void Small_text_gets_the_hand_computed_values_and_notes()
    {
        // "the cat sat" + "the cat ran": N = 6, V = 4 (the:2, cat:2, sat:1, ran:1).
        var report = LexicalDiversity.Analyze("toy", ["the cat sat", "the cat ran"], Whitespace);
        Assert.Equal(2, report.Segments);
        Assert.Equal(6, report.Tokens);
        Assert.Equal(4, report[DiversityMeasure.Vocabulary].Value);
        Assert.Equal(4.0 / 6, report[DiversityMeasure.Ttr].Value, 12);
        Assert.Equal(4 / Math.Sqrt(6), report[DiversityMeasure.RootTtr].Value, 12);
        Assert.Equal(0.5, report[DiversityMeasure.HapaxRatio].Value, 12);                 // 2 of 4 types once
        Assert.Equal(1e4 * (4 + 4 + 1 + 1 - 6) / 36.0, report[DiversityMeasure.YulesK].Value, 9); // M2 = 10
        // H = −(2·(1/3)log₂(1/3) + 2·(1/6)log₂(1/6)) = log₂6 − (2·2·1)/6 = 2.584963 − 0.666667.
        Assert.Equal(Math.Log2(6) - 4.0 / 6, report[DiversityMeasure.Entropy].Value, 12);
        Assert.Equal(4.0 / 6, report[DiversityMeasure.Distinct1].Value, 12);
        Assert.Equal(3.0 / 6, report[DiversityMeasure.Distinct2].Value, 12);
        Assert.Equal(2.0 / 6, report[DiversityMeasure.Distinct3].Value, 12);
        // 6 tokens < window 50: MATTR is the TTR.
        Assert.Equal(4.0 / 6, report[DiversityMeasure.Mattr].Value, 12);
        // "the cat sat the cat ran" forward: TTR 1, 1, 1, 3/4, 3/5 = 0.6 → factor; "ran" left (TTR 1): 6/1.
        // Backward "ran cat the sat cat the": 1, 1, 1, 1, 4/5, 4/6 → factor; nothing left: 6/1. MTLD = 6.
        Assert.Equal(6, report[DiversityMeasure.Mtld].Value, 12);
        // 6 tokens < 42: HD-D undefined, and the report says why.
        Assert.True(double.IsNaN(report[DiversityMeasure.Hdd].Value));
        Assert.Contains(report.Notes, n => n.StartsWith("HD-D n/a"));
        Assert.Contains(report.Notes, n => n.StartsWith("MATTR is the plain TTR"));
        Assert.False(report[DiversityMeasure.Ttr].HasInterval);
    }

    [Fact]
    public void Whole_text_values_equal_the_standalone_measures_on_real_text()
    {
        var segments = File.ReadLines(TestData.Wmt17("reference.de")).Take(300).ToList();
        var options = new DiversityOptions(BootstrapSamples: 0);
        var report = LexicalDiversity.Analyze("reference.de", segments, options);
        var tokenizer = DiversityTokenizer.Create();
        var perSegment = segments.Select(tokenizer.Tokenize).ToList();
        var tokens = perSegment.SelectMany(t => t).ToList();
        var spectrum = FrequencySpectrum.FromTokens(tokens);
        Assert.Equal(tokens.Count, report.Tokens);
        Assert.Equal(Mattr.Compute(tokens, 50), report[DiversityMeasure.Mattr].Value, 12);
        Assert.Equal(Mtld.Compute(tokens), report[DiversityMeasure.Mtld].Value, 9);
        Assert.Equal(spectrum.Hdd(42), report[DiversityMeasure.Hdd].Value, 12);
        Assert.Equal(spectrum.YulesK, report[DiversityMeasure.YulesK].Value, 9);
        Assert.Equal(spectrum.Entropy, report[DiversityMeasure.Entropy].Value, 12);
        Assert.Equal(DistinctN.Compute(perSegment, 2), report[DiversityMeasure.Distinct2].Value, 12);
        Assert.Equal(DistinctN.Compute(perSegment, 3), report[DiversityMeasure.Distinct3].Value, 12);
    }

    [Fact]
    public void Bootstrap_intervals_contain_the_value_and_repeat_with_the_seed()
    {
        var segments = File.ReadLines(TestData.Wmt17("reference.de")).Take(500).ToList();
        var options = new DiversityOptions(BootstrapSamples: 200, Seed: 7);
        var first = LexicalDiversity.Analyze("a", segments, options);
        var again = LexicalDiversity.Analyze("a", segments, options);
        var otherSeed = LexicalDiversity.Analyze("a", segments, options with { Seed = 8 });
        foreach (var measure in DiversityMeasure.All)
        {
            var e = first[measure];
            Assert.True(e.HasInterval, measure.Key);
            Assert.InRange(e.Value, e.Low, e.High);
            Assert.True(e.High > e.Low, measure.Key);
            Assert.Equal(e, again[measure]);
        }
        Assert.NotEqual(first[DiversityMeasure.Mtld], otherSeed[DiversityMeasure.Mtld]);
    }

    [Fact]
    public void Human_reference_is_more_diverse_than_a_system_on_real_data()
    {
        var options = new DiversityOptions(BootstrapSamples: 200);
        var human = LexicalDiversity.Analyze("reference.de", File.ReadAllLines(TestData.Wmt17("reference.de")), options);
        var machine = LexicalDiversity.Analyze("online-G.0.de", File.ReadAllLines(TestData.Wmt17("online-G.0.de")), options);
        // Measured: MTLD 118.5 vs 92.3, distinct-2 0.682 vs 0.616, Yule's K 91.1 vs 134.0.
        Assert.Equal(DiversityDifference.LessDiverse, LexicalDiversity.Compare(human, machine, DiversityMeasure.Mtld));
        Assert.Equal(DiversityDifference.LessDiverse, LexicalDiversity.Compare(human, machine, DiversityMeasure.Distinct2));
        // Yule's K: the system's is higher, which is less diverse.
        Assert.True(machine[DiversityMeasure.YulesK].Value > human[DiversityMeasure.YulesK].Value);
        Assert.Equal(DiversityDifference.LessDiverse, LexicalDiversity.Compare(human, machine, DiversityMeasure.YulesK));
        // And the other way round.
        Assert.Equal(DiversityDifference.MoreDiverse, LexicalDiversity.Compare(machine, human, DiversityMeasure.Mtld));
        Assert.Equal(DiversityDifference.Overlapping, LexicalDiversity.Compare(human, human, DiversityMeasure.Mtld));
    }

    [Fact]
    public void Empty_and_blank_texts_give_undefined_values_not_a_crash()
    {
        var report = LexicalDiversity.Analyze("empty", ["", "   "], new DiversityOptions(BootstrapSamples: 50));
        Assert.Equal(0, report.Tokens);
        Assert.Equal(0, report[DiversityMeasure.Vocabulary].Value);
        Assert.True(double.IsNaN(report[DiversityMeasure.Ttr].Value));
        Assert.True(double.IsNaN(report[DiversityMeasure.Mtld].Value));
        Assert.True(double.IsNaN(report[DiversityMeasure.Mattr].Value));
        Assert.Contains(report.Notes, n => n.Contains("no tokens"));
        var none = LexicalDiversity.Analyze("none", [], new DiversityOptions());
        Assert.Equal(0, none.Segments);
    }

    [Fact]
    public void Bad_options_are_rejected()
    {
        Assert.Throws<InputException>(() => LexicalDiversity.Analyze("x", ["a"], new DiversityOptions(MattrWindow: 0)));
        Assert.Throws<InputException>(() => LexicalDiversity.Analyze("x", ["a"], new DiversityOptions(MtldThreshold: 1)));
        Assert.Throws<InputException>(() => LexicalDiversity.Analyze("x", ["a"], new DiversityOptions(HddSampleSize: 0)));
    }
}
