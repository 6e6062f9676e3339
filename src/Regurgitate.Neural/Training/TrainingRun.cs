using Regurgitate.Corpora;
using Regurgitate.Corpora.Formats;
using Regurgitate.Decoding;
using Regurgitate.IO;
using Regurgitate.Modeling;
using Regurgitate.Progress;
using Regurgitate.Tokenization;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>Everything one training run of a translation model needs, from text pairs to a run directory.</summary>
public sealed record TrainingRunRequest
{
    /// <summary>Run directory (checkpoints, tokenizer.json); one with a checkpoint is resumed.</summary>
    public required string RunDirectory { get; init; }
    /// <summary>Training pairs, as text.</summary>
    public required IReadOnlyList<SentencePair> Train { get; init; }
    /// <summary>
    /// Plain text lines (monolingual) trained on beside the pairs, each as a completion with an empty prompt:
    /// decoder-only models only. Null: none.
    /// </summary>
    public IReadOnlyList<string>? LanguageModelText { get; init; }
    /// <summary>
    /// The checkpoint or run directory the run was started from (`regurg train --init`), recorded in its identity so a
    /// resume cannot switch it; the weights themselves are put in place before the run (<c>FineTuneStart</c>). Null: none.
    /// </summary>
    public string? Init { get; init; }
    /// <summary>Validation pairs, as text; null: no validation (no early stopping, best = last).</summary>
    public IReadOnlyList<SentencePair>? Valid { get; init; }
    /// <summary>Where the tokenizer comes from when the run directory has none yet.</summary>
    public required TokenizerSource Tokenizer { get; init; }
    /// <summary>Architecture preset (<see cref="ModelConfig.PresetNames"/>); its vocabulary is the tokenizer's.</summary>
    public string Preset { get; init; } = ModelPresets.CpuSmall;
    /// <summary>Batching, optimizer, stopping and checkpointing.</summary>
    public TrainingOptions Options { get; init; } = new();
    /// <summary>Device to train on; null: the CPU.</summary>
    public Device? Device { get; init; }
}

/// <summary>The tokenizer of a new run: an existing tokenizer.json, or a joint BPE trained on the training pairs.</summary>
/// <param name="Path">A tokenizer.json to copy into the run.</param>
/// <param name="VocabularySize">Train a joint BPE of this size on both sides of the training pairs.</param>
public sealed record TokenizerSource(string? Path = null, int? VocabularySize = null);

/// <summary>How a training run ended.</summary>
/// <param name="State">Training state at the stop.</param>
/// <param name="BestCheckpoint">The best checkpoint's directory, if any.</param>
/// <param name="Resumed">Whether the run continued from a checkpoint.</param>
/// <param name="ParameterCount">Trainable parameters of the model.</param>
public sealed record TrainingRunResult(TrainingState State, string? BestCheckpoint, bool Resumed, long ParameterCount);

/// <summary>
/// One training run from text pairs: picks the run's tokenizer, encodes the data, and trains (resuming when the
/// run directory holds a checkpoint). `regurg train` goes through here, so that any other caller trains the same way.
/// </summary>
public static class TrainingRun
{
    /// <summary>Runs <paramref name="request"/> to a stop; <paramref name="log"/> gets one line per event worth telling.</summary>
    public static TrainingRunResult Run(TrainingRunRequest request, Action<string>? log = null,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellation = default)
    {
        // Everything the user gave is checked before the run directory is created or anything is written into it.
        Validate(request);
        bool created = !Directory.Exists(request.RunDirectory);
        using var runLock = OutputLock.ForDirectory(request.RunDirectory);
        ISubwordTokenizer tokenizer;
        try
        {
            cancellation.ThrowIfCancellationRequested();
            tokenizer = OpenTokenizer(request.RunDirectory, request.Tokenizer, request.Train, log, request.LanguageModelText);
            RunIdentity.Of(request, Path.Combine(request.RunDirectory, Translator.TokenizerFile)).CheckResumeOf(request.RunDirectory);
        }
        catch when (created)
        {
            // A new run that failed before it began (an unreadable --tokenizer, a signal) leaves no directory behind.
            runLock.Dispose();
            try { Directory.Delete(request.RunDirectory, recursive: true); } catch (IOException) { }
            throw;
        }
        var config = ModelConfig.Preset(request.Preset, tokenizer.VocabularySize);
        var train = Encode(tokenizer, request.Train);
        if (request.LanguageModelText is { } text)
            train.AddRange(text.Where(line => line.Length > 0).Select(line => new TokenizedPair([], tokenizer.Encode(line).ToArray())));
        var validation = request.Valid == null ? null : new ValidationSet(Encode(tokenizer, request.Valid), request.Valid.Select(p => p.Target).ToList(), tokenizer);
        var device = request.Device ?? CPU;
        cancellation.ThrowIfCancellationRequested();

        using var trainer = Trainer.Open(request.RunDirectory, config, request.Options, device);
        log?.Invoke(trainer.Resumed
            ? $"resuming {request.RunDirectory} at epoch {trainer.State.Epoch}, batch {trainer.State.BatchInEpoch}, update {trainer.State.Updates}"
            : $"new run {request.RunDirectory}: {request.Preset} ({trainer.Model.ParameterCount:N0} parameters) on {device.type.ToString().ToLowerInvariant()}, {Runtime.TorchRuntime.Describe().Threads} threads");
        var state = trainer.Train(train, validation, progress, cancellation);
        var result = new TrainingRunResult(state, Checkpoint.Resolve(request.RunDirectory, Checkpoint.BestPointer), trainer.Resumed, trainer.Model.ParameterCount);
        if (cancellation.IsCancellationRequested)
            throw new InterruptedRunException($"checkpoint of update {state.Updates} kept in {request.RunDirectory}; run the same command to resume");
        return result;
    }

    /// <summary>Checks <paramref name="request"/>'s settings and inputs; an <see cref="InputException"/> names the first problem.</summary>
    public static void Validate(TrainingRunRequest request)
    {
        request.Options.Validated();
        if (!ModelConfig.PresetNames.Contains(request.Preset))
            throw new InputException($"unknown --preset {request.Preset}", hint: "one of " + string.Join(", ", ModelConfig.PresetNames));
        bool decoderOnly = ModelConfig.Preset(request.Preset, vocabularySize: 4).IsDecoderOnly;
        if (request.Options.Objective == TrainingObjective.LanguageModel && !decoderOnly)
            throw new InputException($"--objective lm needs a decoder-only model, and --preset {request.Preset} is encoder-decoder", hint: "use an lm-* preset");
        if (request.LanguageModelText != null && !decoderOnly)
            throw new InputException($"--lm-text needs a decoder-only model, and --preset {request.Preset} is encoder-decoder", hint: "use an lm-* preset");
        if (File.Exists(request.RunDirectory))
            throw new InputException("is a file, not a run directory", request.RunDirectory, hint: "give --out a directory");
        if (request.Train.Count == 0) throw new InputException("the training set is empty");
        if (request.Valid is { Count: 0 }) throw new InputException("the validation set is empty", hint: "leave out the validation data instead");
        bool hasTokenizer = File.Exists(Path.Combine(request.RunDirectory, Translator.TokenizerFile));
        if (request.Tokenizer.Path is string path)
        {
            if (Directory.Exists(path)) throw new InputException("is a directory, not a tokenizer.json", path);
            if (!File.Exists(path)) throw new InputException("tokenizer file not found", path);
        }
        else if (request.Tokenizer.VocabularySize is int size)
        {
            if (size < 1) throw new InputException($"--vocab-size must be positive, not {size}");
        }
        else if (!hasTokenizer)
        {
            throw new InputException("no tokenizer given", hint: "pass --tokenizer tokenizer.json or --vocab-size N");
        }
    }

    /// <summary>Tokenizes both sides of each pair.</summary>
    public static List<TokenizedPair> Encode(ISubwordTokenizer tokenizer, IEnumerable<SentencePair> pairs) =>
        pairs.Select(p => new TokenizedPair(tokenizer.Encode(p.Source).ToArray(), tokenizer.Encode(p.Target).ToArray())).ToList();

    /// <summary>The run's tokenizer: the one already in the run directory, else <paramref name="source"/>'s (saved into the run).</summary>
    public static ISubwordTokenizer OpenTokenizer(string runDirectory, TokenizerSource source, IReadOnlyList<SentencePair> pairs, Action<string>? log = null,
        IReadOnlyList<string>? text = null)
    {
        string inRun = Path.Combine(runDirectory, Translator.TokenizerFile);
        if (File.Exists(inRun))
        {
            var existing = SubwordTokenizer.Load(inRun);
            if (source.Path != null && SubwordTokenizer.Load(source.Path).ContentHash != existing.ContentHash)
                throw new InputException($"the run already has a different tokenizer ({inRun})", source.Path, hint: "use a new --out, or drop --tokenizer to resume");
            return existing;
        }
        SubwordTokenizer tokenizer;
        if (source.Path != null)
        {
            TextLines.CheckReadable(source.Path, "tokenizer file");
            tokenizer = SubwordTokenizer.Load(source.Path);
        }
        else if (source.VocabularySize is int size)
        {
            log?.Invoke($"training a {size}-piece joint BPE tokenizer on the training data");
            tokenizer = BpeTrainer.Train(pairs.SelectMany(p => new[] { p.Source, p.Target }).Concat(text ?? []), new BpeTrainerOptions(size).Validated());
        }
        else
        {
            throw new InputException("no tokenizer given", hint: "pass --tokenizer tokenizer.json or --vocab-size N");
        }
        Directory.CreateDirectory(runDirectory);
        tokenizer.Save(inRun);
        return tokenizer;
    }
}
