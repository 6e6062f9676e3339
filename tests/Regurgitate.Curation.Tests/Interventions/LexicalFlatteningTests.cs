using Regurgitate.Diversity;
using Regurgitate.Interventions;
using Regurgitate.Metrics;

namespace Regurgitate.Tests.Interventions;

/// <summary>Flattening learned from Multi30k de→en training pairs (docs/interventions.md has the full-corpus measurements).</summary>
public class LexicalFlatteningTests
{
    // 10,000 pairs keep the test to a few seconds; the aligner needs a few thousand to find renderings.
    static readonly (string Source, string Target)[] Pairs =
        [.. TestData.Multi30k("train", "de").Zip(TestData.Multi30k("train", "en")).Take(10000)];

    static readonly Lazy<LexicalFlattening> Strong = new(() => LexicalFlattening.Learn(Pairs, FlattenOptions.Defaults with { Strength = 1 }));

    [Fact]
    public void Flattening_lowers_mtld_and_keeps_chrf_against_the_original_high()
    {
        var original = Pairs.Select(p => p.Target).ToArray();
        var flattened = Pairs.Select((p, i) => Strong.Value.Apply(i, p.Source, p.Target).Text).ToArray();
        var options = new DiversityOptions(BootstrapSamples: 0);
        double before = LexicalDiversity.Analyze("original", original, options)[DiversityMeasure.Mtld].Value;
        double after = LexicalDiversity.Analyze("flattened", flattened, options)[DiversityMeasure.Mtld].Value;
        Assert.True(after < before - 0.2, $"MTLD {before:F2} -> {after:F2}");
        double chrf = new Chrf().Statistics(flattened, [original]).Score().Score;
        Assert.True(chrf > 95, $"chrF {chrf:F2}");
        Assert.True(flattened.Count(f => !original.Contains(f)) > 100);
    }

    [Fact]
    public void Known_synonyms_are_flattened_towards_the_frequent_word()
    {
        Assert.Equal("bike", Strong.Value.Alternative("fahrrad", "bicycle") ?? Strong.Value.Alternative("rad", "bicycle"));
        Assert.Null(Strong.Value.Alternative("mann", "man"));
        var result = Strong.Value.Apply(0, "Ein Mann fährt Fahrrad.", "Man riding a bicycle.");
        Assert.Equal("Man riding a bike.", result.Text);
        Assert.Equal(1, result.Changed);
    }

    [Fact]
    public void Weaker_settings_replace_a_subset_and_the_same_pair_gets_the_same_result()
    {
        var half = LexicalFlattening.Learn(Pairs, FlattenOptions.Defaults with { Strength = 0.5 });
        var again = LexicalFlattening.Learn(Pairs, FlattenOptions.Defaults with { Strength = 0.5 });
        int halfChanged = 0, strongChanged = 0;
        for (int i = 0; i < 2000; i++)
        {
            var a = half.Apply(i, Pairs[i].Source, Pairs[i].Target);
            Assert.Equal(a, again.Apply(i, Pairs[i].Source, Pairs[i].Target));
            var s = Strong.Value.Apply(i, Pairs[i].Source, Pairs[i].Target);
            Assert.True(a.Changed <= s.Changed);
            halfChanged += a.Changed;
            strongChanged += s.Changed;
        }
        Assert.InRange(halfChanged, 0.35 * strongChanged, 0.65 * strongChanged);
        Assert.Equal(Pairs[3].Target, LexicalFlattening.Learn(Pairs, FlattenOptions.Defaults with { Strength = 0 }).Apply(3, Pairs[3].Source, Pairs[3].Target).Text);
    }
}
