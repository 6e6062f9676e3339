using Regurgitate.Metrics;
using Regurgitate.Metrics.Significance;

namespace Regurgitate.Tests.Metrics;

/// <summary>Paired tests against the p-values sacreBLEU's own test suite pins (SOURCE.md of the WMT17 folder).</summary>
public class SignificanceTests
{
    const string Baseline = "LIUM-NMT.4900.de";

    // system, Moses paired bootstrap p (2,000 samples), multeval AR p for BLEU (10,000 trials)
    static readonly (string System, double Bootstrap, double Randomization)[] Expected =
    [
        ("C-3MA.4959.de", 0.00000, 0.0001),
        ("FBK.4870.de", 0.01267, 0.0218),
        ("KIT.4950.de", 0.02233, 0.0410),
        ("LMU-nmt-reranked.4934.de", 0.04383, 0.09029),
        ("LMU-nmt-single.4893.de", 0.20783, 0.58494),
        ("online-A.0.de", 0.00000, 0.0001),
        ("online-B.0.de", 0.38100, 0.94111),
        ("online-F.0.de", 0.00000, 0.0001),
        ("online-G.0.de", 0.00000, 0.0001),
        ("PROMT-Rule-based.4735.de", 0.00000, 0.0001),
        ("RWTH-nmt-ensemble.4921.de", 0.01167, 0.0207),
        ("SYSTRAN.4847.de", 0.20983, 0.59914),
        ("TALP-UPC.4834.de", 0.00000, 0.0001),
        ("uedin-nmt.4722.de", 0.00000, 0.0001),
        ("xmu.4910.de", 0.25483, 0.71073),
    ];

    static (SufficientStatistics Baseline, SufficientStatistics[] Systems) Statistics()
    {
        var bleu = new Bleu(new BleuOptions { Tokenize = "none" });
        var reference = MetricsTestData.Reference;
        var baseline = bleu.Statistics(MetricsTestData.System(Baseline), [reference]);
        var systems = Expected.Select(e => bleu.Statistics(MetricsTestData.System(e.System), [reference])).ToArray();
        return (baseline, systems);
    }

    [Fact]
    public void Paired_bootstrap_p_values_match_sacrebleu_within_001()
    {
        var (baseline, systems) = Statistics();
        var results = PairedBootstrap.Run(baseline, systems, samples: 2000, seed: 12345);
        Assert.Null(results[0].PValue);
        Assert.Equal("nrefs:1|bs:2000|seed:12345|case:mixed|eff:no|tok:none|smooth:exp|version:2.6.0", results[0].Score.Signature.ToString());
        for (int i = 0; i < Expected.Length; i++)
        {
            double p = results[i + 1].PValue!.Value;
            Assert.True(Math.Abs(p - Expected[i].Bootstrap) <= 0.01, $"{Expected[i].System}: bootstrap p {p}, sacreBLEU {Expected[i].Bootstrap}");
            Assert.NotNull(results[i + 1].Confidence);
        }
    }

    [Fact]
    public void Approximate_randomization_p_values_match_sacrebleu_within_001()
    {
        var (baseline, systems) = Statistics();
        var results = ApproximateRandomization.Run(baseline, systems, trials: 10000, seed: 12345);
        Assert.Equal("nrefs:1|ar:10000|seed:12345|case:mixed|eff:no|tok:none|smooth:exp|version:2.6.0", results[0].Score.Signature.ToString());
        for (int i = 0; i < Expected.Length; i++)
        {
            double p = results[i + 1].PValue!.Value;
            Assert.True(Math.Abs(p - Expected[i].Randomization) <= 0.01, $"{Expected[i].System}: AR p {p}, sacreBLEU {Expected[i].Randomization}");
        }
    }

    [Fact]
    public void Identical_systems_get_the_smallest_p_value_as_in_sacrebleu()
    {
        // sacreBLEU counts sampled differences strictly greater than the observed one; for identical
        // systems every difference is zero, so c = 0 and p = 1/(n+1). We keep that quirk.
        var (baseline, _) = Statistics();
        var randomization = ApproximateRandomization.Run(baseline, [baseline], trials: 200);
        Assert.Equal(1.0 / 201, randomization[1].PValue!.Value, 12);
        var bootstrap = PairedBootstrap.Run(baseline, [baseline], samples: 200);
        Assert.Equal(1.0 / 201, bootstrap[1].PValue!.Value, 12);
    }

    [Fact]
    public void Same_seed_same_result_and_other_seed_other_draws()
    {
        var (baseline, systems) = Statistics();
        var a = PairedBootstrap.Run(baseline, systems[..2], samples: 300, seed: 7);
        var b = PairedBootstrap.Run(baseline, systems[..2], samples: 300, seed: 7);
        var c = PairedBootstrap.Run(baseline, systems[..2], samples: 300, seed: 8);
        Assert.Equal(a.Select(r => r.Confidence), b.Select(r => r.Confidence));
        Assert.NotEqual(a.Select(r => r.Confidence), c.Select(r => r.Confidence));
    }

    [Fact]
    public void Confidence_interval_brackets_the_score_and_narrows_with_more_segments()
    {
        var bleu = new Bleu();
        var hyps = MetricsTestData.System("uedin-nmt.4722.de");
        var full = bleu.Statistics(hyps, [MetricsTestData.Reference]);
        var small = bleu.Statistics(hyps.Take(300).ToArray(), [MetricsTestData.Reference.Take(300).ToArray()]);
        var ci = ConfidenceEstimate.Estimate(full, 1000);
        var ciSmall = ConfidenceEstimate.Estimate(small, 1000);
        double score = full.Score().Score;
        Assert.InRange(score, ci.Mean - ci.HalfWidth, ci.Mean + ci.HalfWidth);
        Assert.InRange(ci.HalfWidth, 0.3, 1.5);
        Assert.True(ciSmall.HalfWidth > 2 * ci.HalfWidth);
    }
}
