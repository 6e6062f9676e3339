using System.Globalization;
using Regurgitate.Metrics;
using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

/// <summary>
/// The worked example of docs/statistics.md: WMT17 en→de systems on newstest2017 (3,004 sentences) play
/// three seeds of each of four conditions. Its numbers are printed as a diagnostic message; run with
/// <c>--logger "console;verbosity=detailed"</c> to see them.
/// </summary>
public class WorkedExampleTests
{
    static readonly Dictionary<string, string[]> Conditions = new()
    {
        ["weak"] = ["online-F.0.de", "PROMT-Rule-based.4735.de", "online-G.0.de"],
        ["middle"] = ["online-A.0.de", "TALP-UPC.4834.de", "C-3MA.4959.de"],
        ["strong"] = ["RWTH-nmt-ensemble.4921.de", "KIT.4950.de", "FBK.4870.de"],
        ["strong-b"] = ["LMU-nmt-single.4893.de", "LIUM-NMT.4900.de", "xmu.4910.de"],
    };

    [Fact]
    public void Worked_example_on_wmt17_systems()
    {
        var bleu = new Bleu();
        var reference = File.ReadAllLines(TestData.Wmt17("reference.de"));
        var conditions = Conditions.Select(c => new ConditionSeeds(c.Key,
            [.. c.Value.Select(system => SentenceStatistics.From(bleu.Statistics(File.ReadAllLines(TestData.Wmt17(system)), [reference])))])).ToList();
        var draws = HierarchicalBootstrap.Run(conditions, new MetricStatistic(bleu), resamples: 2000, seed: 12345);
        var pooled = PooledSeedVariance.Estimate(draws);
        var family = new[] { ("middle", "weak"), ("strong", "middle"), ("strong-b", "strong") }
            .Select(p => PairedComparison.Compare(draws, p.Item1, p.Item2, pooled: pooled)).ToArray();
        var decisions = ComparisonFamily.Decide(family);
        var share = draws.GapShare("middle", "weak", "strong");

        var text = new System.Text.StringBuilder();
        string F(double v, int d = 2) => v.ToString("F" + d, CultureInfo.InvariantCulture);
        foreach (var name in Conditions.Keys)
        {
            var cell = CellScore.Estimate(draws, name, pooled);
            text.AppendLine($"{name}: seeds {string.Join(" ", draws.SeedScores[draws.IndexOf(name)].Select(v => F(v)))} mean {F(cell.Score)} [{F(cell.Low)}, {F(cell.High)}]");
        }
        text.AppendLine($"pooled seed variance {F(pooled.Variance, 3)} df {pooled.DegreesOfFreedom} Bartlett T {F(pooled.BartlettStatistic, 3)} p {F(pooled.BartlettP, 3)} supported {pooled.Supported}");
        foreach (var d in decisions)
        {
            var c = d.Comparison;
            text.AppendLine($"{c.A} vs {c.B}: diff {F(c.Difference)} [{F(c.Low)}, {F(c.High)}] se {F(c.StandardError, 3)} (seed {F(c.SeedVariance, 3)} + sentence {F(c.SentenceVariance, 3)}) df {F(c.DegreesOfFreedom, 1)} " +
                $"p {c.PValue:G3} adj {d.AdjustedP:G3} tost {c.EquivalencePValue:G3} adj {d.AdjustedEquivalenceP:G3} -> {d.Words} seeds {d.SeedsToDecide?.ToString() ?? "-"} fromResamples {c.IntervalFromResamples}");
        }
        text.AppendLine($"gap share middle of weak->strong: {F(share.Estimate, 3)} [{F(share.Low, 3)}, {F(share.High, 3)}] undefined {share.Undefined}");
        TestContext.Current.SendDiagnosticMessage(text.ToString());

        Assert.Equal(Verdict.Better, decisions[0].Verdict);
        Assert.Equal(Verdict.Better, decisions[1].Verdict);
        Assert.InRange(share.Estimate, 0.3, 0.7);
        Assert.True(share.Low < share.Estimate && share.Estimate < share.High);
        Assert.All(family, c => Assert.True(c.Low <= c.Difference && c.Difference <= c.High));
    }
}
