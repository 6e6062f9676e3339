using Regurgitate.Corpora;
using Regurgitate.Corpora.Datasets;
using Regurgitate.Corpora.Sampling;

namespace Regurgitate.Studies;

/// <summary>
/// A spec expanded against its data: the validation and test sets, the student pool (a seeded random sample
/// of the training corpus, in that seeded order, so the size-n sources are the first n and sizes nest), each
/// teacher's pool (from the other end of the same order, disjoint from the student pool's sources), and the
/// cells in plan order (condition, then size, then seed). Test and validation sentences are kept out of every
/// pool: with <c>overlap: drop</c> training pairs that share one are left out; otherwise they are an error.
/// </summary>
public sealed class StudyPlan
{
    /// <summary>The spec.</summary>
    public required StudySpec Spec { get; init; }
    /// <summary>Validation pairs.</summary>
    public required IReadOnlyList<SentencePair> Valid { get; init; }
    /// <summary>Test pairs.</summary>
    public required IReadOnlyList<SentencePair> Test { get; init; }
    /// <summary>
    /// The student pool, in seeded order; its first n pairs are the size-n pool. It holds the largest size's
    /// pairs, or more with <c>data.pool</c>, from which conditions such as <c>ordered</c> choose their best n.
    /// </summary>
    public required IReadOnlyList<SentencePair> StudentPool { get; init; }
    /// <summary>Per teacher, its human training pairs.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<SentencePair>> TeacherPools { get; init; }
    /// <summary>
    /// Pairs no student or teacher trains on, for detectors to learn human from generated targets (empty when
    /// no condition needs a detector): the generators translate their sources too.
    /// </summary>
    public IReadOnlyList<SentencePair> DetectorPool { get; init; } = [];
    /// <summary>Training pairs in the corpus before anything was left out.</summary>
    public required int TrainPairs { get; init; }
    /// <summary>Training pairs left out because they share a sentence with valid or test.</summary>
    public required int OverlapDropped { get; init; }
    /// <summary>The cells, in plan order.</summary>
    public required IReadOnlyList<StudyCell> Cells { get; init; }

    /// <summary>The largest size.</summary>
    public int MaxSize => Spec.Sizes[^1];

    /// <summary>Reads the spec's corpora and expands it.</summary>
    public static StudyPlan Create(StudySpec spec, DataDirectory dataDirectory)
    {
        var data = spec.Data;
        var train = Read(spec, data.Train, dataDirectory, "data.train");
        var valid = Limit(Read(spec, data.Valid, dataDirectory, "data.valid"), data.ValidLimit, data.PoolSeed);
        var test = Limit(Read(spec, data.Test, dataDirectory, "data.test"), data.TestLimit, data.PoolSeed);

        // Every sentence of valid and test, either side: a training pair sharing one would leak.
        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in valid.Concat(test)) { heldOut.Add(pair.Source); heldOut.Add(pair.Target); }
        var leaking = train.Select((p, i) => (Pair: p, Line: i + 1)).Where(x => heldOut.Contains(x.Pair.Source) || heldOut.Contains(x.Pair.Target)).ToList();
        if (leaking.Count > 0 && !data.DropOverlap)
            throw new InputException(
                $"{leaking.Count} training pair(s) of {data.Train.Description} share a sentence with the validation or test set (first: pair {leaking[0].Line}, \"{Shorten(leaking[0].Pair.Source)}\"); test and validation sentences must never be trained on",
                spec.File, data.Train.Line, "add 'overlap: drop' under data: to leave such pairs out of every pool, or use disjoint sets");
        var usable = leaking.Count == 0 ? train : train.Where(p => !heldOut.Contains(p.Source) && !heldOut.Contains(p.Target)).ToList();

        // One seeded order: students take its head, teachers its tail, so changing the sizes never changes a teacher.
        var order = usable.Select((p, i) => (Pair: p, Rank: SeededRank.Of(SeededRank.KeyOf(p, i), data.PoolSeed), Position: i))
            .OrderBy(x => x.Rank).ThenBy(x => x.Position).Select(x => x.Pair).ToList();
        int maxSize = spec.Sizes[^1];
        if (maxSize > order.Count)
            throw new InputException($"the largest size ({maxSize:N0}) is more than the {order.Count:N0} usable training pairs", spec.File,
                spec.SizesLine, "use smaller sizes or a larger training corpus");
        int poolSize = Math.Max(maxSize, data.Pool ?? 0);
        if (poolSize > order.Count)
            throw new InputException($"'data.pool' ({poolSize:N0}) is more than the {order.Count:N0} usable training pairs", spec.File, data.PoolLine);
        var studentPool = order.Take(poolSize).ToList();
        var studentSources = studentPool.Select(p => p.Source).ToHashSet(StringComparer.Ordinal);
        var rest = order.Skip(poolSize).Where(p => !studentSources.Contains(p.Source)).Reverse().ToList();
        var teacherPools = new Dictionary<string, IReadOnlyList<SentencePair>>();
        foreach (var teacher in spec.Generators.OfType<TeacherGenerator>())
        {
            int wanted = teacher.Pairs ?? rest.Count;
            if (wanted > rest.Count)
                throw new InputException($"teacher '{teacher.Name}' asks for {wanted:N0} pairs, but only {rest.Count:N0} training pairs remain outside the student pool ({poolSize:N0})",
                    spec.File, teacher.Line, "lower its 'pairs' or the largest size");
            teacherPools[teacher.Name] = rest.Take(wanted).ToList();
        }

        // Detectors learn from the head of what follows the student pool; teachers took from the tail.
        IReadOnlyList<SentencePair> detectorPool = [];
        if (spec.Conditions.Any(c => c.Scores.Any(r => r.Kind == PairScoreRequest.Detector)))
        {
            var taught = teacherPools.Values.SelectMany(p => p).Select(p => p.Source).ToHashSet(StringComparer.Ordinal);
            var free = order.Skip(poolSize).Where(p => !studentSources.Contains(p.Source) && !taught.Contains(p.Source)).ToList();
            if (free.Count < data.DetectorPool)
                throw new InputException($"a detector needs {data.DetectorPool:N0} pairs that no student or teacher trains on, but only {free.Count:N0} remain",
                    spec.File, data.DetectorPoolLine, "lower data.detector_pool, a teacher's 'pairs' or the largest size");
            detectorPool = free.Take(data.DetectorPool).ToList();
        }

        var cells = new List<StudyCell>();
        foreach (var condition in spec.Conditions)
            foreach (int size in spec.Sizes)
                foreach (long seed in spec.Seeds)
                    cells.Add(new StudyCell(condition, size, seed));

        var plan = new StudyPlan
        {
            Spec = spec, Valid = valid, Test = test, StudentPool = studentPool, TeacherPools = teacherPools, DetectorPool = detectorPool,
            TrainPairs = train.Count, OverlapDropped = leaking.Count, Cells = cells,
        };
        plan.CheckDisjoint();
        return plan;
    }

    /// <summary>
    /// The guarantee, checked on what will actually be trained on: no pool shares a sentence with valid or
    /// test, and no teacher pool shares a source with the student pool.
    /// </summary>
    public void CheckDisjoint()
    {
        var heldOut = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in Valid.Concat(Test)) { heldOut.Add(pair.Source); heldOut.Add(pair.Target); }
        var students = StudentPool.Select(p => p.Source).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, pool) in TeacherPools.Prepend(new("students", StudentPool)).Append(new("detector", DetectorPool)))
        {
            var leak = pool.FirstOrDefault(p => heldOut.Contains(p.Source) || heldOut.Contains(p.Target));
            if (leak != null)
                throw new InputException($"the {name} pool holds a validation or test sentence (\"{Shorten(leak.Source)}\")", Spec.File, hint: "use disjoint corpora or 'overlap: drop'");
            if (name != "students" && pool.FirstOrDefault(p => students.Contains(p.Source)) is SentencePair shared)
                throw new InputException($"{(name == "detector" ? "the detector pool" : $"teacher '{name}'")} would train on a student source (\"{Shorten(shared.Source)}\")", Spec.File);
        }
    }

    /// <summary>The cell with id <paramref name="id"/>.</summary>
    public StudyCell Cell(string id) =>
        Cells.FirstOrDefault(c => c.Id == id)
        ?? throw new InputException($"no cell '{id}' in this study", Spec.File, hint: "`regurg study plan SPEC` lists the cells");

    static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    static List<SentencePair> Read(StudySpec spec, CorpusReference reference, DataDirectory dataDirectory, string key)
    {
        try
        {
            return reference.Open(dataDirectory).ToList();
        }
        catch (InputException e) when (e.File == null)
        {
            throw new InputException($"'{key}': {e.Problem}", spec.File, reference.Line, e.Hint, e);
        }
    }

    static IReadOnlyList<SentencePair> Limit(List<SentencePair> pairs, int? limit, ulong seed) =>
        limit is int n && n < pairs.Count ? Subsets.Random(pairs, n, seed) : pairs;
}
