using Regurgitate.Detection;

namespace Regurgitate.Tests.Curation.Detection;

/// <summary>The detector on real human-vs-machine data: WMT17 references against MT systems, held-out segments.</summary>
public sealed class MachineTextDetectorTests(LinearDetectorFixture fixture) : IClassFixture<LinearDetectorFixture>
{
    readonly MachineTextDetector detector = fixture.Detector;

    /// <summary>Held-out reference lines against, per segment, one training system's output: balanced like the validation share.</summary>
    static LabelledScores HeldOut(MachineTextDetector detector) => LabelledScores.Of(
        detector.ProbabilityHuman([.. Wmt17Split.HeldOutSegments().Select(i => Wmt17Split.Reference[i])]),
        detector.ProbabilityHuman(Wmt17Split.HeldOutMachine()));

    [Fact]
    public void Linear_detector_separates_held_out_wmt17_segments()
    {
        var metrics = DetectorEvaluation.Evaluate(HeldOut(detector));
        Assert.True(metrics.RocAuc > 0.65, $"held-out AUC {metrics.RocAuc:F3}, ECE {metrics.ExpectedCalibrationError:F3}");
        Assert.True(metrics.Accuracy > 0.55, $"held-out accuracy {metrics.Accuracy:F3}");
        Assert.Equal(10, metrics.Reliability.Count);
        Assert.Equal(metrics.HumanTexts + metrics.MachineTexts, metrics.Reliability.Sum(b => b.Count));
        Assert.InRange(metrics.ExpectedCalibrationError, 0, 0.2);
    }

    [Fact]
    public void Manifest_records_counts_seed_and_validation_rates()
    {
        var manifest = detector.Manifest;
        Assert.Equal(DetectorKind.Linear, manifest.Kind);
        Assert.Equal(7, manifest.Options.Seed);
        Assert.Equal(2003, manifest.Counts.HumanGiven);
        Assert.Equal(3 * 2003, manifest.Counts.MachineGiven);
        // 20% of the 2003 sources (401) are held out with all their texts; both classes have them all.
        Assert.Equal(1602, manifest.Counts.TrainingPerClass);
        Assert.Equal(401, manifest.Counts.ValidationPerClass);
        Assert.Equal(802, detector.Validation.ProbabilityHuman.Count);
        Assert.True(manifest.TruePositiveRate > manifest.FalsePositiveRate);
        Assert.Equal(32, manifest.DataFingerprint.Length);
        Assert.Null(manifest.EpochsTrained);
    }

    [Fact]
    public void Out_of_domain_table_gives_an_auc_for_each_of_the_16_wmt17_systems()
    {
        var results = PerSystemEvaluation.Evaluate(detector, TestData.Wmt17Systems, Wmt17Split.HeldOutSegments());
        Assert.Equal(16, results.Count);
        Assert.All(results, r => Assert.InRange(r.Metrics.RocAuc, 0, 1));
        Assert.All(results, r => Assert.Equal(1001, r.Metrics.HumanTexts));
        // Systems it never saw: most are still told apart from the reference, but not all equally well.
        Assert.True(results.Count(r => r.Metrics.RocAuc > 0.55) >= 10, string.Join(", ", results.Select(r => $"{r.System} {r.Metrics.RocAuc:F2}")));
        Assert.True(results.Max(r => r.Metrics.RocAuc) - results.Min(r => r.Metrics.RocAuc) > 0.02);
    }

    [Fact]
    public void Ranking_puts_more_human_lines_in_the_top_half()
    {
        var scores = HeldOut(detector);
        var order = HumanLikenessRanking.Order(scores.ProbabilityHuman);
        int half = order.Length / 2;
        int humanOnTop = order.Take(half).Count(i => scores.IsHuman[i]);
        Assert.True(humanOnTop > 0.6 * half, $"{humanOnTop} of {half} top-half lines are human");
        Assert.Equal(order.Take(100), HumanLikenessRanking.Top(scores.ProbabilityHuman, 100));
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.7)]
    public void Audit_interval_covers_the_true_machine_share_of_a_constructed_mixture(double machineShare)
    {
        // Each held-out segment once, from the reference or from the system the detector was trained against.
        var detector = fixture.RuleBasedDetector;
        var segments = Wmt17Split.HeldOutSegments();
        var machineLines = Wmt17Split.HeldOutMachine([Wmt17Split.RuleBasedSystem]);
        var random = new Random(11);
        var chosen = Enumerable.Range(0, segments.Count).OrderBy(_ => random.Next()).ToList();
        int machineCount = (int)Math.Round(machineShare * chosen.Count);
        var mixture = chosen.Select((k, rank) => rank < machineCount ? machineLines[k] : Wmt17Split.Reference[segments[k]]).ToList();

        var estimate = detector.Audit(mixture, bootstrapSamples: 500, seed: 3);
        double truth = machineCount / (double)chosen.Count;
        Assert.True(estimate.Lower <= truth && truth <= estimate.Upper,
            $"truth {truth:F3} outside [{estimate.Lower:F3}, {estimate.Upper:F3}] (estimate {estimate.Share:F3}, flagged {estimate.FlaggedShare:F3}, TPR {estimate.TruePositiveRate:F3}, FPR {estimate.FalsePositiveRate:F3}, validation AUC {detector.Manifest.Validation.RocAuc:F3}, {detector.Manifest.Calibration})");
        Assert.True(estimate.Upper - estimate.Lower < 0.25, $"interval [{estimate.Lower:F3}, {estimate.Upper:F3}] says little");
    }

    [Fact]
    public void Same_seed_gives_same_probabilities_and_saving_keeps_them()
    {
        var texts = Wmt17Split.HeldOutSegments().Take(200).Select(i => Wmt17Split.Reference[i]).ToList();
        using var again = MachineTextDetector.Train(Wmt17Split.Training(), new DetectorOptions(Seed: 7));
        Assert.Equal(detector.ProbabilityHuman(texts), again.ProbabilityHuman(texts));
        Assert.Equal(detector.Manifest.DataFingerprint, again.Manifest.DataFingerprint);

        using var scratch = TestData.Scratch();
        string directory = scratch.File("detector");
        detector.Save(directory);
        using var loaded = MachineTextDetector.Load(directory);
        Assert.Equal(detector.ProbabilityHuman(texts), loaded.ProbabilityHuman(texts));
        Assert.Equal(detector.Validation.ProbabilityHuman, loaded.Validation.ProbabilityHuman);
        Assert.Equal(detector.Manifest.Counts, loaded.Manifest.Counts);
        Assert.Equal(["detector/manifest.json", "detector/model.zip", "detector/validation.json"], scratch.Files());
    }
}
