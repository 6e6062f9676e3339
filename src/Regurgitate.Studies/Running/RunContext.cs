using System.Globalization;
using Regurgitate.Corpora;
using Regurgitate.Decoding;
using Regurgitate.Generators;
using Regurgitate.Metrics;
using Regurgitate.Progress;
using Regurgitate.RunDirectories;
using Regurgitate.Runtime;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>
/// What every stage of one run shares: the plan, the run directory's cache and files, the failures recorded so far
/// (a failed generator or pair score fails only the cells that need it), and the log and progress to report to.
/// </summary>
internal sealed class RunContext(StudyPlan plan, StudyRunOptions options, Action<string> log, IProgress<ProgressUpdate>? progress)
{
    ConditionInputs? inputs;

    public StudyPlan Plan { get; } = plan;
    public StudySpec Spec => Plan.Spec;
    public StudyRunOptions Options { get; } = options;
    public ArtifactStore Store { get; } = new(options.RunDirectory);
    public RunLayout Layout => Store.Layout;
    public StudyKeys Keys { get; } = new(plan);
    public Action<string> Log { get; } = log;
    public IProgress<ProgressUpdate>? Progress { get; } = progress;
    public CellResults Results => field ??= new CellResults(this);

    /// <summary>Why each failed generator failed.</summary>
    public Dictionary<string, string> GeneratorFailures { get; } = new();
    /// <summary>Why each failed pair score (by <see cref="PairScoreRequest.Id"/>) failed.</summary>
    public Dictionary<string, string> ScoreFailures { get; } = new();

    /// <summary>Whether to wait for a shared artifact another process is building; a worker does other work meanwhile.</summary>
    public bool WaitForOthers { get; set; } = true;

    /// <summary>The pool and every finished generator's targets and pair scores, as conditions compose from.</summary>
    public ConditionInputs Inputs()
    {
        if (inputs != null) return inputs;
        var generated = new Dictionary<string, IReadOnlyList<string?>>();
        foreach (var generator in Spec.Generators)
        {
            string key = Keys.Generations[generator.Name];
            if (Store.Done(ArtifactKind.Generated, key) == null || !File.Exists(Path.Combine(Store.PathOf(ArtifactKind.Generated, key), "corpus.jsonl"))) continue;
            generated[generator.Name] = ReadTargets(key, Plan.StudentPool.Count);
        }
        var data = new ConditionInputs(Plan.StudentPool.Select(p => p.Source).ToList(), Plan.StudentPool.Select(p => p.Target).ToList(), generated);
        // Scores are read as they become available; until then conditions that need them cannot compose.
        var scores = new Dictionary<string, IReadOnlyList<double?>>();
        foreach (var (id, key) in Keys.Scores)
            if (Store.Done(ArtifactKind.Scores, key) != null)
                scores[id] = File.ReadAllLines(Path.Combine(Store.PathOf(ArtifactKind.Scores, key), "scores.txt"))
                    .Select(l => l.Length == 0 ? (double?)null : double.Parse(l, CultureInfo.InvariantCulture)).ToList();
        // Kept only once nothing more can arrive: workers finish generators and scores at different times.
        bool complete = generated.Count + Spec.Generators.Count(g => !generated.ContainsKey(g.Name) && GeneratorFailures.ContainsKey(g.Name)) == Spec.Generators.Count
            && scores.Count + ScoreFailures.Count >= Keys.Scores.Count;
        return complete ? inputs = data with { Scores = scores } : data with { Scores = scores };
    }

    /// <summary>A generation's targets in pool order (null where it failed).</summary>
    public string?[] ReadTargets(string generationKey, int count)
    {
        var targets = new string?[count];
        string file = Path.Combine(Store.PathOf(ArtifactKind.Generated, generationKey), "corpus.jsonl");
        foreach (var segment in SyntheticCorpusJsonl.Read(file))
            if (segment.Id >= 1 && segment.Id <= count && segment.Result.Text is string text) targets[segment.Id - 1] = OneLine(text);
        return targets;
    }

    /// <summary>
    /// The generators the given cells need: all of them when any cell orders by quality, which compares every generator's
    /// targets; and the generator whose detector ranks human targets (pruned-human).
    /// </summary>
    public IReadOnlyList<StudyGenerator> GeneratorsFor(IEnumerable<StudyCell> cells)
    {
        var list = cells.ToList();
        bool all = list.Any(c => c.Condition.Scores.Any(r => r.Kind == PairScoreRequest.Quality));
        return Spec.Generators.Where(g => all || list.Any(c => c.Condition.Generators.Contains(g.Name)
            || c.Condition.Scores.Any(r => r.Kind == PairScoreRequest.Detector && r.DetectorGenerator == g.Name))).ToList();
    }

    /// <summary>Trains a model of <paramref name="spec"/> (a student or a teacher) into <paramref name="runDirectory"/>.</summary>
    public TrainingRunResult Train(string runDirectory, IReadOnlyList<SentencePair> train, TokenizerSource tokenizer, TrainingSpec spec, TrainingOptions training,
        string logFile, string task, CancellationToken cancellation) =>
        TrainingRun.Run(new TrainingRunRequest
        {
            RunDirectory = runDirectory,
            Train = train,
            Valid = Plan.Valid,
            Tokenizer = tokenizer,
            Preset = spec.Preset,
            Options = training,
            Device = TorchRuntime.ResolveDevice(Options.Device),
        }, line => AppendLog(logFile, line), Renamed(task), cancellation);

    /// <summary>The test set's sources translated by the checkpoint in <paramref name="runDirectory"/>, one line each.</summary>
    public List<string> TranslateTestSet(string runDirectory, TrainingSpec spec, CancellationToken cancellation)
    {
        using var translator = Translator.Load(runDirectory, Options.Device);
        var sources = Plan.Test.Select(p => p.Source).ToList();
        var output = new List<string>(sources.Count);
        foreach (var chunk in sources.Chunk(256))
        {
            cancellation.ThrowIfCancellationRequested();
            output.AddRange(translator.Translate(chunk, spec.Decoding).Select(t => OneLine(t.Text)));
        }
        return output;
    }

    /// <summary>
    /// The checkpoint's negative log-likelihood of each test reference given its source, by forced decoding (one row per test
    /// sentence, in order); on the run's device, with the study's one tokenizer, so that NLL per token compares across cells.
    /// </summary>
    public IReadOnlyList<SentenceNll> ScoreTestReferences(string runDirectory, CancellationToken cancellation)
    {
        using var translator = Translator.Load(runDirectory, Options.Device);
        return new ReferenceLikelihood(translator).Score(Plan.Test.Select(p => p.Source).ToList(), Plan.Test.Select(p => p.Target).ToList(), cancellation);
    }

    /// <summary>BLEU and chrF of <paramref name="hypotheses"/> against the test set's human references.</summary>
    public (MetricScore Bleu, MetricScore Chrf) ScoreTestSet(IReadOnlyList<string> hypotheses)
    {
        var references = Plan.Test.Select(p => p.Target).ToList();
        return (new Bleu().CorpusScore(hypotheses, references), new Chrf().CorpusScore(hypotheses, references));
    }

    /// <summary>The epochs a training run finished.</summary>
    public static int EpochsDone(TrainingState state) => state.History.Count > 0 ? state.History[^1].Epoch : Math.Max(0, state.Epoch - 1);

    public static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    /// <summary>A failure as the results and the log tell it: an input problem by its message, anything else with its type.</summary>
    public static string Describe(Exception e) => e is InputException or StudyStageException ? e.Message : $"{e.GetType().Name}: {e.Message}";

    public static void AppendLog(string file, string line)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.AppendAllText(file, $"{DateTime.UtcNow:yyyy-MM-ddTHH:mm:ssZ} {line}\n");
    }

    // One display line per piece of work (a cell, a teacher), not one per epoch: the trainer's task
    // ("train epoch 3") moves into the detail.
    public IProgress<ProgressUpdate>? Renamed(string task) =>
        Progress == null ? null : new Reporter(u => Progress.Report(u with { Task = task, Detail = u.Detail == null ? u.Task : $"{u.Task}: {u.Detail}" }));

    sealed class Reporter(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
