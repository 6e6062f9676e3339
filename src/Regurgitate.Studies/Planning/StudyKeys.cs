using System.Globalization;
using Regurgitate.RunDirectories;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>
/// The cache keys of a plan's artifacts, each a hash of everything the artifact depends on, computed from
/// the spec and the data alone (never from outputs), so that `plan` knows what is cached without running
/// anything, and editing one generator or condition changes only the keys downstream of it. Each key names its
/// artifact's kind first (<see cref="ArtifactKind"/>), so two kinds never share a key.
/// </summary>
public sealed class StudyKeys
{
    readonly StudyPlan plan;
    readonly Dictionary<int, string> poolKeys = new();

    public StudyKeys(StudyPlan plan)
    {
        this.plan = plan;
        var spec = plan.Spec;
        Valid = ContentHash.OfLines(plan.Valid.Select(p => p.Source + "\t" + p.Target));
        Test = ContentHash.OfLines(plan.Test.Select(p => p.Source + "\t" + p.Target));
        PoolSources = ContentHash.OfLines(plan.StudentPool.Select(p => p.Source));
        Tokenizer = spec.Student.Init != null ? ContentHash.Of("init-tokenizer", FileKey(FineTuneStart.TokenizerOf(spec.Student.Init)))
            : spec.Student.TokenizerPath != null ? ContentHash.Of("tokenizer-file", FileKey(spec.Student.TokenizerPath))
            : ContentHash.Of("bpe", spec.Student.VocabularySize.ToString(CultureInfo.InvariantCulture), Pool(plan.MaxSize));
        if (spec.Student.Init != null)
            Init = FileKey(Path.Combine(Regurgitate.Training.Checkpoint.ResolveForInference(spec.Student.Init), "model.bin"));
        foreach (var generator in spec.Generators)
        {
            if (generator is TeacherGenerator teacher)
            {
                Teachers[teacher.Name] = ContentHash.Of(ArtifactKind.Teacher, teacher.Key, ContentHash.OfLines(plan.TeacherPools[teacher.Name].Select(p => p.Source + "\t" + p.Target)), Valid, Test);
                Generations[generator.Name] = ContentHash.Of(ArtifactKind.Generated, Teachers[teacher.Name], PoolSources);
                HeldOutGenerations[generator.Name] = ContentHash.Of(ArtifactKind.Generated, Teachers[teacher.Name], DetectorPoolSources);
            }
            else
            {
                Generations[generator.Name] = ContentHash.Of(ArtifactKind.Generated, generator.Key, PoolSources);
                HeldOutGenerations[generator.Name] = ContentHash.Of(ArtifactKind.Generated, generator.Key, DetectorPoolSources);
            }
        }
        foreach (var request in spec.Conditions.SelectMany(c => c.Scores).Distinct())
            Scores[request.Id] = ScoreKey(request);
    }

    /// <summary>The validation set.</summary>
    public string Valid { get; }
    /// <summary>The test set.</summary>
    public string Test { get; }
    /// <summary>The student pool's sources at the largest size (what generators translate).</summary>
    public string PoolSources { get; }
    /// <summary>The weights students are fine-tuned from, or null.</summary>
    public string? Init { get; }
    /// <summary>The students' tokenizer.</summary>
    public string Tokenizer { get; }
    /// <summary>Per teacher: its trained model (and its test translations).</summary>
    public Dictionary<string, string> Teachers { get; } = new();
    /// <summary>Per generator: its targets for the student pool.</summary>
    public Dictionary<string, string> Generations { get; } = new();

    /// <summary>The detector pool's sources (held out of every student and teacher; empty when no condition needs a detector).</summary>
    public string DetectorPoolSources => ContentHash.OfLines(plan.DetectorPool.Select(p => p.Source));
    /// <summary>Per generator: its targets for the detector pool.</summary>
    public Dictionary<string, string> HeldOutGenerations { get; } = new();
    /// <summary>Per <see cref="PairScoreRequest.Id"/>: the per-pair scores of the student pool.</summary>
    public Dictionary<string, string> Scores { get; } = new();

    /// <summary>The detector a detector score uses: trained on the detector pool's human vs generated targets.</summary>
    public string Detector(PairScoreRequest request) =>
        ContentHash.Of("detector", request.Method, HeldOutGenerations[request.DetectorGenerator], ContentHash.OfLines(plan.DetectorPool.Select(p => p.Source + "\t" + p.Target)));

    // The targets a score rates: a generator's, or the pool's human targets (held by the whole pool's key). Keys of
    // scores of generators' targets are unchanged by the human and oracle scores, so their cached artifacts stay.
    string ScoreKey(PairScoreRequest request)
    {
        string scored = request.OfHuman ? ContentHash.Of("human-targets", Pool(plan.StudentPool.Count)) : Generations[request.Generator];
        return request.Kind switch
        {
            PairScoreRequest.Detector => ContentHash.Of("p-human", Detector(request), scored),
            PairScoreRequest.Oracle => ContentHash.Of("oracle", request.Method, scored, Pool(plan.StudentPool.Count)),
            _ => ContentHash.Of("quality", request.Method, request.Scorer == null ? null : Teachers[request.Scorer],
                scored, string.Join(",", plan.Spec.Generators.Where(g => g.Name != request.Generator).Select(g => Generations[g.Name])), PoolSources),
        };
    }

    /// <summary>The first <paramref name="size"/> pairs of the student pool.</summary>
    public string Pool(int size)
    {
        if (!poolKeys.TryGetValue(size, out var key))
            poolKeys[size] = key = ContentHash.OfLines(plan.StudentPool.Take(size).Select(p => p.Source + "\t" + p.Target));
        return key;
    }

    /// <summary>A condition's training data at its largest size.</summary>
    public string Data(StudyCondition condition) =>
        ContentHash.Of(ArtifactKind.Data, condition.Key, Inputs(condition), Pool(UsesWholePool(condition) ? plan.StudentPool.Count : plan.MaxSize));

    /// <summary>A cell's trained student.</summary>
    public string Student(StudyCell cell)
    {
        // An API student has no tokenizer of ours; its settings (endpoint, base model, prompt, epochs) stand in for the training's.
        string?[] parts = plan.Spec.ApiStudent is ApiStudentSpec api
            ? [ArtifactKind.Student, cell.Condition.Key, Inputs(cell.Condition), Pool(cell.Size), api.Key, cell.Seed.ToString(CultureInfo.InvariantCulture), Valid]
            : [ArtifactKind.Student, cell.Condition.Key, Inputs(cell.Condition), Pool(cell.Size), Tokenizer, plan.Spec.Student.Key, Init,
                cell.Seed.ToString(CultureInfo.InvariantCulture), Valid];
        // The whole pool is appended only for such conditions, so the keys of all others (and their cached students) stay as they were.
        return ContentHash.Of(UsesWholePool(cell.Condition) ? [.. parts, "pool", Pool(plan.StudentPool.Count)] : parts);
    }

    // Conditions that choose from, or learn from, the whole pool depend on all of it at every size.
    static bool UsesWholePool(StudyCondition condition) => condition.SelectsFromWholePool || condition.LearnsFromWholePool;

    // What a condition composes from besides the pool: its generators' targets and the scores it orders them by.
    string Inputs(StudyCondition condition) =>
        string.Join(",", condition.Generators.Select(g => Generations[g]).Concat(condition.Scores.Select(s => Scores[s.Id])));

    /// <summary>A cell's outcome: its student's translations of the test set, and their scores.</summary>
    public string Cell(StudyCell cell) => ContentHash.Of("cell", Student(cell), plan.Spec.Student.DecodingKey, Test);

    static string FileKey(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
