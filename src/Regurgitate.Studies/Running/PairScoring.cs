using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Studies;

/// <summary>
/// The study's bridge to the curation library: per-pair quality scores (`regurg quality`) and a detector's
/// P(human) (`regurg detector`) for a generator's targets over the student pool, higher = better.
/// </summary>
internal static class PairScoring
{
    /// <summary>A reference-free quality score of each target (null where the generator made none).</summary>
    public static IReadOnlyList<double?> Quality(string method, IReadOnlyList<string> sources, IReadOnlyList<string?> targets,
        IReadOnlyList<double?> logProbabilities, IReadOnlyList<IReadOnlyList<string?>> others, string? scorerModel, LanguagePair languages,
        CancellationToken cancellation) =>
        throw new StudyStageException("quality scores are not available yet");

    /// <summary>
    /// Trains a detector on <paramref name="human"/> vs <paramref name="machine"/> targets (pairs no student sees),
    /// saves it to <paramref name="modelDirectory"/>, and returns P(human) of each of <paramref name="targets"/>.
    /// </summary>
    public static IReadOnlyList<double?> HumanLikeness(string model, IReadOnlyList<string> human, IReadOnlyList<string?> machine,
        IReadOnlyList<string?> targets, string modelDirectory, ulong seed, CancellationToken cancellation) =>
        throw new StudyStageException("detectors are not available yet");
}
