using Regurgitate.Detection;

namespace Regurgitate.Tests.Curation.Detection;

/// <summary>The TorchSharp detector: learns the same WMT17 task, deterministically, and survives save and load.</summary>
public sealed class NeuralDetectorTests
{
    static readonly DetectorOptions Options = new(Kind: DetectorKind.Neural, Seed: 5, Epochs: 4);

    [Fact]
    public void Neural_detector_separates_held_out_wmt17_segments_and_is_deterministic()
    {
        using var detector = MachineTextDetector.Train(Wmt17Split.Training(), Options);
        var segments = Wmt17Split.HeldOutSegments();
        var machineLines = Wmt17Split.System("online-B.0.de");
        var human = detector.ProbabilityHuman([.. segments.Select(i => Wmt17Split.Reference[i])]);
        var machine = detector.ProbabilityHuman([.. segments.Select(i => machineLines[i])]);
        double auc = DetectorEvaluation.RocAuc(LabelledScores.Of(human, machine));
        Assert.True(auc > 0.6, $"held-out AUC {auc:F3}");

        // Compared on the same batch: float32 sums in libtorch may differ in the last digit when other texts share the batch.
        var firstHundred = segments.Take(100).Select(i => Wmt17Split.Reference[i]).ToList();
        using var again = MachineTextDetector.Train(Wmt17Split.Training(), Options);
        Assert.Equal(detector.ProbabilityHuman(firstHundred), again.ProbabilityHuman(firstHundred));

        using var scratch = TestData.Scratch();
        detector.Save(scratch.File("neural"));
        using var loaded = MachineTextDetector.Load(scratch.File("neural"));
        Assert.Equal(DetectorKind.Neural, loaded.Manifest.Kind);
        Assert.InRange(loaded.Manifest.EpochsTrained ?? 0, 1, Options.Epochs);
        Assert.Equal(detector.ProbabilityHuman(firstHundred), loaded.ProbabilityHuman(firstHundred));
    }
}
