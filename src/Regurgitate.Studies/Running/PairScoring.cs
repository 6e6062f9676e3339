using Regurgitate.Corpora;
using Regurgitate.Decoding;
using Regurgitate.Detection;
using Regurgitate.Errors;
using Regurgitate.Generators;
using Regurgitate.Metrics;
using Regurgitate.Quality;

namespace Regurgitate.Studies;

/// <summary>
/// The study's bridge to the curation library: per-pair quality scores (`regurg quality`) and a detector's
/// P(human) (`regurg detector`) for a generator's (or the pool's human) targets over the student pool, and the
/// oracle's sentence chrF against the human targets; higher = better.
/// </summary>
internal static class PairScoring
{
    /// <summary>The pairs of a generated corpus (`regurg generate` JSONL over the student pool) that have a target; ids are pool positions + 1.</summary>
    public static IReadOnlyList<QualityPair> GeneratedPairs(string corpusFile, int poolCount) =>
        QualityCorpus.FromSyntheticCorpus(SyntheticCorpusJsonl.Read(corpusFile)).Where(p => p.Id >= 1 && p.Id <= poolCount).ToList();

    /// <summary>The pool's human pairs to score (pruned-human): no generator, so no log-probability; ids are pool positions + 1.</summary>
    public static IReadOnlyList<QualityPair> HumanPairs(IReadOnlyList<string> sources, IReadOnlyList<string> targets) =>
        sources.Select((s, i) => new QualityPair(i + 1, s, targets[i])).ToList();

    /// <summary>
    /// The reference-free quality score <paramref name="method"/> of each of <paramref name="pairs"/> (ids are pool
    /// positions + 1), by pool position (null where there is no pair). <paramref name="others"/> are the other
    /// generators' targets by pool position (for agreement); <paramref name="scorerModel"/> a model trained on human
    /// pairs (for scorer; combined uses it when given). `combined` takes the parts that apply: the error gate, agreement
    /// when there are other targets, confidence when the pairs carry the generator's log-probabilities (human pairs never
    /// do), the scorer when given.
    /// </summary>
    public static IReadOnlyList<double?> Quality(string method, IReadOnlyList<QualityPair> pairs, int poolCount, IReadOnlyList<IReadOnlyList<string?>> others,
        string? scorerModel, string targetLanguage, CancellationToken cancellation)
    {
        bool combined = method == QualityScoreNames.Combined;
        var scores = new List<IQualityScore>();
        Translator? scorer = null;
        try
        {
            if (method == QualityScoreNames.Errors || combined) scores.Add(new ErrorFreeScore(ErrorOptionsFor(targetLanguage)));
            if (method == QualityScoreNames.Agreement || (combined && others.Count > 0))
            {
                if (others.Count == 0) throw new StudyStageException("'by: agreement' needs a second generator in the study to agree with");
                scores.Add(new AgreementScore(others.Select(o => (IReadOnlyList<string?>)pairs.Select(p => o[(int)p.Id - 1]).ToList()).ToList()));
            }
            if (method == QualityScoreNames.Confidence || (combined && pairs.Any(p => p.LogProbability != null && p.TargetTokens != null)))
                scores.Add(new ConfidenceScore());
            if (scorerModel != null && (method == QualityScoreNames.Scorer || combined))
            {
                scorer = Translator.Load(scorerModel);
                scores.Add(new ScorerModelScore(scorer));
            }
            var result = QualityScoring.Score(pairs, scores, ErrorOptionsFor(targetLanguage), cancellation);
            var column = result.Of(method);
            var byPosition = new double?[poolCount];
            for (int k = 0; k < pairs.Count; k++) byPosition[pairs[k].Id - 1] = column[k];
            return byPosition;
        }
        finally
        {
            scorer?.Dispose();
        }
    }

    /// <summary>
    /// The oracle: sacreBLEU's sentence chrF of each target against the human target of the same source, by pool
    /// position (null where there is no target). It reads the reference, so it is the upper bound of any quality score.
    /// </summary>
    public static IReadOnlyList<double?> Oracle(IReadOnlyList<string?> targets, IReadOnlyList<string> humanTargets, CancellationToken cancellation)
    {
        var chrf = new Chrf();
        var scores = new double?[targets.Count];
        Parallel.For(0, targets.Count, new ParallelOptions { CancellationToken = cancellation },
            i => scores[i] = targets[i] is string target ? chrf.SentenceScore(target, [humanTargets[i]]).Score : null);
        return scores;
    }

    static ErrorOptions ErrorOptionsFor(string language) => new(TargetScripts.For(language) ?? TargetScripts.For("en")!);

    /// <summary>
    /// Trains a detector on the detector pool's human targets against a generator's targets for the same sources
    /// (pairs no student sees), saves it to <paramref name="modelDirectory"/>, and returns P(human) of each of
    /// <paramref name="targets"/> (null where there is no target).
    /// </summary>
    public static IReadOnlyList<double?> HumanLikeness(string model, IReadOnlyList<SentencePair> detectorPool, IReadOnlyList<string?> machine,
        IReadOnlyList<string?> targets, string modelDirectory, ulong seed, CancellationToken cancellation)
    {
        var made = Enumerable.Range(0, detectorPool.Count).Where(i => machine[i] != null).ToList();
        if (made.Count == 0) throw new StudyStageException("the generator made no target for the detector pool");
        var training = new DetectorTrainingSet(detectorPool.Select(p => p.Target).ToList(), made.Select(i => machine[i]!).ToList(),
            detectorPool.Select(p => p.Source).ToList(), made.Select(i => detectorPool[i].Source).ToList());
        var kind = model == "neural" ? DetectorKind.Neural : DetectorKind.Linear;
        using var detector = MachineTextDetector.Train(training, new DetectorOptions(kind, Seed: (int)(seed % int.MaxValue)), cancellation);
        detector.Save(modelDirectory);
        var present = Enumerable.Range(0, targets.Count).Where(i => targets[i] != null).ToList();
        var probabilities = detector.ProbabilityHuman(present.Select(i => targets[i]!).ToList());
        var byPosition = new double?[targets.Count];
        for (int k = 0; k < present.Count; k++) byPosition[present[k]] = probabilities[k];
        return byPosition;
    }
}
