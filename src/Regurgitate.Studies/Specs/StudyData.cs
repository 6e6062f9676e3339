using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Studies;

/// <summary>The data of a study: where students' and teachers' pairs come from, and what they are tested on.</summary>
/// <param name="Train">The training corpus the pools are drawn from.</param>
/// <param name="Valid">Validation set (loss for early stopping).</param>
/// <param name="Test">Test set every cell is scored on.</param>
/// <param name="ValidLimit">Use a seeded random subset of this many validation pairs (null: all).</param>
/// <param name="TestLimit">Use a seeded random subset of this many test pairs (null: all).</param>
/// <param name="DropOverlap">Leave out training pairs that share a sentence with valid/test (else such overlap is an error).</param>
/// <param name="PoolSeed">Seed of the pools' random order.</param>
/// <param name="Languages">The direction.</param>
/// <param name="Pool">Student pool size when larger than the largest size (for conditions that choose the best n of a larger pool), else null.</param>
/// <param name="DetectorPool">Pairs held out of every student and teacher to train detectors on (used only when a condition needs a detector).</param>
public sealed record StudyData(CorpusReference Train, CorpusReference Valid, CorpusReference Test, int? ValidLimit, int? TestLimit,
    bool DropOverlap, ulong PoolSeed, LanguagePair Languages, int? Pool = null, int DetectorPool = StudyData.DefaultDetectorPool)
{
    /// <summary>The detector pool's size when the spec gives none.</summary>
    public const int DefaultDetectorPool = 2000;

    /// <summary>The spec line of <c>detector_pool</c> (or of data:), for messages.</summary>
    public long DetectorPoolLine { get; init; }

    /// <summary>The spec line of <c>pool</c> (or of data:), for messages.</summary>
    public long PoolLine { get; init; }
}
