using Regurgitate.Errors;
using Regurgitate.Quality;

namespace Regurgitate.Tests.Quality;

/// <summary>
/// Real MT outputs as synthetic data: the first segments of WMT17 newstest en→de, one system's outputs as the
/// corpus to score, the other 15 systems as the other generators, and the human reference as the truth.
/// </summary>
internal static class Wmt17Pairs
{
    public const string Scored = "online-B.0.de";

    public static ErrorOptions ErrorOptions { get; } = Errors.ErrorOptions.Defaults with { TargetScripts = TargetScripts.For("de")! };

    public static List<string> Sources(int count) => TestData.GzipLines("opus-mt-testsets/testsets/deu-eng/newstest2017.eng.gz", count);

    public static List<string> Lines(string file, int count) => [.. File.ReadLines(TestData.Wmt17(file)).Take(count)];

    /// <summary>The scored system's pairs, ids = line numbers.</summary>
    public static List<QualityPair> Pairs(int count)
    {
        var sources = Sources(count);
        var targets = Lines(Scored, count);
        return [.. sources.Select((s, i) => new QualityPair(i + 1, s, targets[i]))];
    }

    /// <summary>The other systems' outputs for the same sources.</summary>
    public static List<IReadOnlyList<string?>> Others(int count) =>
        [.. TestData.Wmt17SystemFiles.Where(f => Path.GetFileName(f) != Scored).Select(f => (IReadOnlyList<string?>)Lines(Path.GetFileName(f), count))];

    /// <summary>Sentence chrF of each target against the human reference.</summary>
    public static double[] ChrfAgainstReference(IReadOnlyList<QualityPair> pairs)
    {
        var references = Lines("reference.de", pairs.Count);
        var chrf = new Metrics.Chrf();
        return [.. pairs.Select((p, i) => chrf.SentenceScore(p.Target, [references[i]]).Score)];
    }
}
