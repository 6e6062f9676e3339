using Regurgitate.Detection;

namespace Regurgitate.Tests.Curation.Detection;

/// <summary>
/// WMT17 newstest en→de as real human-vs-machine data: the human reference against a few systems' outputs for
/// the same sources, split by segment id so that no held-out source was seen in training. Every third segment is
/// held out (rather than the last third) so that held-out and training segments come from the same news documents,
/// as the detector's validation share does: the audit's error rates are measured there.
/// </summary>
internal static class Wmt17Split
{
    /// <summary>Whether segment <paramref name="index"/> (0-based) is held out.</summary>
    public static bool IsHeldOut(int index) => index % 3 == 2;

    /// <summary>The systems whose outputs are the machine class in training.</summary>
    public static readonly string[] TrainingSystems = ["online-B.0.de", "uedin-nmt.4722.de", "KIT.4950.de"];

    public static string[] Reference { get; } = File.ReadAllLines(TestData.Wmt17("reference.de"));

    public static string[] System(string file) => File.ReadAllLines(TestData.Wmt17(file));

    public static List<int> TrainSegments() => [.. Enumerable.Range(0, Reference.Length).Where(i => !IsHeldOut(i))];

    public static List<int> HeldOutSegments() => [.. Enumerable.Range(0, Reference.Length).Where(IsHeldOut)];

    /// <summary>The English sources of the segments.</summary>
    public static List<string> Sources { get; } = TestData.GzipLines("opus-mt-testsets/testsets/deu-eng/newstest2017.eng.gz", int.MaxValue);

    /// <summary>The rule-based system, whose output differs most visibly from human text.</summary>
    public const string RuleBasedSystem = "PROMT-Rule-based.4735.de";

    /// <summary>
    /// The training segments as a detector's training set (the machine side from <paramref name="systems"/>, by default
    /// <see cref="TrainingSystems"/>), with sources so that validation holds out whole sources.
    /// </summary>
    public static DetectorTrainingSet Training(string[]? systems = null)
    {
        systems ??= TrainingSystems;
        var segments = TrainSegments();
        return new([.. segments.Select(i => Reference[i])], [.. systems.SelectMany(s => { var lines = System(s); return segments.Select(i => lines[i]); })],
            [.. segments.Select(i => Sources[i])], [.. systems.SelectMany(_ => segments.Select(i => Sources[i]))]);
    }

    /// <summary>For each held-out segment, the output of one of <paramref name="systems"/> (taking turns), so the classes are balanced.</summary>
    public static List<string> HeldOutMachine(string[]? systems = null)
    {
        var outputs = (systems ?? TrainingSystems).Select(System).ToArray();
        return [.. HeldOutSegments().Select((segment, k) => outputs[k % outputs.Length][segment])];
    }
}
