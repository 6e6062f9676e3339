using Regurgitate.Detection;

namespace Regurgitate.Tests.Curation.Detection;

/// <summary>Linear detectors trained on the WMT17 training segments, shared by the tests that only read them.</summary>
public sealed class LinearDetectorFixture : IDisposable
{
    readonly Lazy<MachineTextDetector> ruleBased = new(() => MachineTextDetector.Train(Wmt17Split.Training([Wmt17Split.RuleBasedSystem]), new DetectorOptions(Seed: 7)));

    /// <summary>Reference against three strong systems (two neural, one online).</summary>
    public MachineTextDetector Detector { get; } = MachineTextDetector.Train(Wmt17Split.Training(), new DetectorOptions(Seed: 7));

    /// <summary>Reference against the rule-based system alone: a generator with clear quirks, for the audit.</summary>
    public MachineTextDetector RuleBasedDetector => ruleBased.Value;

    public void Dispose()
    {
        Detector.Dispose();
        if (ruleBased.IsValueCreated) ruleBased.Value.Dispose();
    }
}
