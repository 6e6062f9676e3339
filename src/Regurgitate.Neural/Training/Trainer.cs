using Regurgitate.Runtime;
using System.Diagnostics;
using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Progress;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>
/// Trains a <see cref="TranslationModel"/> on token-count batches with label-smoothed cross-entropy, Adam and an
/// inverse-sqrt schedule; validates every epoch (loss and BLEU), stops early on a plateau, and keeps the last
/// and the best checkpoint in a run directory. A run directory with a checkpoint is resumed exactly: the
/// resumed run ends with the same weights as an uninterrupted one.
/// </summary>
public sealed class Trainer : IDisposable
{
    readonly TrainingOptions options;
    readonly Adam optimizer;
    readonly List<Parameter> parameters;
    readonly LabelSmoothedCrossEntropy criterion;
    readonly ChunkedOutputLoss outputLoss;
    readonly InverseSqrtSchedule schedule;
    long lastSavedUpdates = -1;

    /// <summary>The model being trained.</summary>
    public TranslationModel Model { get; }
    /// <summary>Where checkpoints go.</summary>
    public string RunDirectory { get; }
    /// <summary>Progress of training so far.</summary>
    public TrainingState State { get; private set; }
    /// <summary>Whether this trainer continued from a checkpoint.</summary>
    public bool Resumed { get; }

    Trainer(TranslationModel model, TrainingOptions options, string runDirectory)
    {
        if (options.Objective == TrainingObjective.LanguageModel && !model.Config.IsDecoderOnly)
        {
            model.Dispose();
            throw new InputException("--objective lm needs a decoder-only model", hint: "train an lm-* preset, or use --objective completion");
        }
        Model = model;
        Model.Precision.Precision = options.Precision;
        this.options = options;
        RunDirectory = runDirectory;
        parameters = model.parameters().ToList();
        schedule = new InverseSqrtSchedule(options.LearningRate, options.WarmupSteps);
        optimizer = optim.Adam(parameters, schedule.LearningRateAt(1), options.Beta1, options.Beta2, options.AdamEpsilon, options.WeightDecay);
        criterion = new LabelSmoothedCrossEntropy(options.LabelSmoothing, model.Config.PadId);
        outputLoss = new ChunkedOutputLoss(criterion);
        string? last = Directory.Exists(runDirectory) ? Checkpoint.Resolve(runDirectory, Checkpoint.LastPointer) : null;
        if (last != null)
        {
            State = Checkpoint.Restore(last, model, optimizer);
            lastSavedUpdates = State.Updates;
            Resumed = true;
        }
        else
        {
            State = TrainingState.Start(options.Seed);
        }
    }

    /// <summary>
    /// Opens <paramref name="runDirectory"/>: resumes its last checkpoint (whose config wins over
    /// <paramref name="config"/>) or starts a new model from <paramref name="config"/> and <see cref="TrainingOptions.Seed"/>.
    /// </summary>
    public static Trainer Open(string runDirectory, ModelConfig config, TrainingOptions options, Device device)
    {
        string? last = Directory.Exists(runDirectory) ? Checkpoint.Resolve(runDirectory, Checkpoint.LastPointer) : null;
        var effective = last != null ? Checkpoint.ReadConfig(last) : config;
        var model = new TranslationModel(effective, options.Seed, device);
        return new Trainer(model, options, runDirectory);
    }

    /// <summary>
    /// Trains until a limit (epochs, updates, minutes, cancellation) or early stopping; returns the final state.
    /// The last checkpoint is written at each epoch end, every <see cref="TrainingOptions.SaveEveryUpdates"/> updates,
    /// and when stopping.
    /// </summary>
    public TrainingState Train(IReadOnlyList<TokenizedPair> train, ValidationSet? valid = null,
        IProgress<ProgressUpdate>? progress = null, CancellationToken cancellation = default)
    {
        if (train.Count == 0) throw new InputException("the training set is empty");
        var usable = train.Where(p => TrainingBatch.Fits(p, Model.Config)).ToList();
        if (usable.Count == 0) throw new InputException($"no training pair fits the model's {Model.Config.MaxPositions} positions");
        var batcher = new TokenBatcher(usable, options.BatchTokens, State.DataSeed, options.SortChunkSize, Model.Config.Architecture);
        var clock = Stopwatch.StartNew();
        double secondsBefore = State.TrainingSeconds;
        double Seconds() => secondsBefore + clock.Elapsed.TotalSeconds;
        Model.train();

        // The epoch's loss so far comes from the state, so a resumed epoch reports the same train loss as an uninterrupted one.
        double windowLoss = State.EpochLoss;
        long windowTokens = State.EpochLossTokens;
        double reportLoss = 0;
        long reportTokens = 0;
        var reportClock = Stopwatch.StartNew();

        while (!State.Finished && State.Epoch <= options.MaxEpochs)
        {
            var batches = batcher.EpochBatches(State.Epoch);
            int next = State.BatchInEpoch;
            while (next < batches.Count)
            {
                if (LimitReached(Seconds(), cancellation))
                    // Interrupted runs save at once; runs that reached their limit validate first (best checkpoint).
                    return Stop(valid, cancellation.IsCancellationRequested, windowLoss, windowTokens, Seconds(), next);

                var (loss, tokens, consumed) = Update(usable, batches, next);
                next += consumed;
                windowLoss += loss; windowTokens += tokens;
                reportLoss += loss; reportTokens += tokens;
                State = State with
                {
                    BatchInEpoch = next, Updates = State.Updates + 1, TargetTokens = State.TargetTokens + tokens, TrainingSeconds = Seconds(),
                    EpochLoss = windowLoss, EpochLossTokens = windowTokens,
                };

                if (progress != null && State.Updates % options.ReportEveryUpdates == 0)
                {
                    double rate = reportTokens / Math.Max(reportClock.Elapsed.TotalSeconds, 1e-9);
                    progress.Report(new ProgressUpdate($"train epoch {State.Epoch}", State.Updates, options.MaxUpdates, "updates",
                        $"loss {reportLoss / Math.Max(reportTokens, 1):F3} lr {schedule.LearningRateAt(State.Updates):0.00e0} {rate:F0} tok/s"));
                    reportLoss = 0; reportTokens = 0; reportClock.Restart();
                }
                if (options.SaveEveryUpdates > 0 && State.Updates % options.SaveEveryUpdates == 0 && next < batches.Count)
                {
                    Checkpoint.Save(RunDirectory, Model, optimizer, State, isBest: false);
                    lastSavedUpdates = State.Updates;
                }
            }

            // End of epoch: validate, keep best, move to the next epoch.
            State = State with { Epoch = State.Epoch + 1, BatchInEpoch = 0, TrainingSeconds = Seconds(), EpochLoss = 0, EpochLossTokens = 0 };
            bool improved = Validate(valid, State.Epoch - 1, windowLoss, windowTokens, progress);
            windowLoss = 0; windowTokens = 0;
            bool patienceOut = options.Patience > 0 && State.ValidationsWithoutImprovement >= options.Patience;
            if (patienceOut) State = State with { Finished = true };
            SaveWithBest(improved);
        }
        return State;
    }

    bool LimitReached(double seconds, CancellationToken cancellation) =>
        cancellation.IsCancellationRequested
        || (options.MaxUpdates is long maxUpdates && State.Updates >= maxUpdates)
        || (options.MaxMinutes is double minutes && seconds >= minutes * 60);

    TrainingState Stop(ValidationSet? valid, bool interrupted, double windowLoss, long windowTokens, double seconds, int next)
    {
        // Nothing new since the last checkpoint (e.g. a resumed run already at its limit): keep it as it is.
        if (State.Updates == lastSavedUpdates) return State;
        State = State with { BatchInEpoch = next, TrainingSeconds = seconds };
        // An interrupted run saves at once without validating, so its checkpoint never becomes the best.
        bool improved = !interrupted && Validate(valid, State.Epoch, windowLoss, windowTokens, null);
        SaveWithBest(improved);
        return State;
    }

    void SaveWithBest(bool improved)
    {
        if (improved)
        {
            // The checkpoint's own name is known only after saving; record it in the state first.
            State = State with { BestCheckpoint = $"update-{State.Updates:D8}" };
        }
        Checkpoint.Save(RunDirectory, Model, optimizer, State, improved);
        lastSavedUpdates = State.Updates;
    }

    /// <summary>One optimizer update over up to <see cref="TrainingOptions.AccumulationSteps"/> batches starting at <paramref name="first"/>.</summary>
    (double Loss, long Tokens, int Consumed) Update(IReadOnlyList<TokenizedPair> pairs, IReadOnlyList<int[]> batches, int first)
    {
        optimizer.zero_grad();
        double lossSum = 0;
        long tokens = 0;
        int consumed = 0;
        for (; consumed < options.AccumulationSteps && first + consumed < batches.Count; consumed++)
        {
            using var scope = NewDisposeScope();
            using var batch = TrainingBatch.Create(pairs, batches[first + consumed], Model.Config, Model.Device, options.Objective);
            var states = Model.ForwardStates(batch.Source, batch.TargetInput);
            var (loss, _) = outputLoss.Backward(Model, states, batch.TargetOutput);
            lossSum += loss;
            tokens += batch.TargetTokens;
        }
        using (var scope = NewDisposeScope())
        using (no_grad())
        {
            // Gradients of summed losses, normalized by the update's target tokens (fairseq's sample_size).
            foreach (var p in parameters) p.grad?.DivideInPlace(tokens);
            if (options.ClipNorm > 0) nn.utils.clip_grad_norm_(parameters, options.ClipNorm);
        }
        double rate = schedule.LearningRateAt(State.Updates + 1);
        foreach (var group in optimizer.ParamGroups) group.LearningRate = rate;
        using (var scope = NewDisposeScope()) optimizer.step();
        return (lossSum, tokens, consumed);
    }

    /// <summary>Validation loss and BLEU; updates best metric and patience; returns whether this is the best so far.</summary>
    bool Validate(ValidationSet? valid, int epoch, double windowLoss, long windowTokens, IProgress<ProgressUpdate>? progress)
    {
        double trainLoss = windowTokens > 0 ? windowLoss / windowTokens : double.NaN;
        if (valid == null || valid.Pairs.Count == 0)
        {
            State = State with { History = [.. State.History, new ValidationRecord(epoch, State.Updates, trainLoss, null, null)] };
            // Without validation data nothing was validated, so no checkpoint becomes the best (best.json stays
            // absent and inference uses the last one).
            return false;
        }
        Model.eval();
        try
        {
            double nll = ValidationNll(valid.Pairs);
            double? bleu = options.ValidateBleu && valid.References != null && valid.Tokenizer != null ? ValidationBleuOf(valid) : null;
            double metric = bleu ?? -nll;
            bool improved = State.BestMetric is not double best || metric > best;
            State = State with
            {
                BestMetric = improved ? metric : State.BestMetric,
                ValidationsWithoutImprovement = improved ? 0 : State.ValidationsWithoutImprovement + 1,
                History = [.. State.History, new ValidationRecord(epoch, State.Updates, trainLoss, nll, bleu)],
            };
            progress?.Report(new ProgressUpdate($"validate epoch {epoch}", State.Updates, options.MaxUpdates, "updates",
                $"train loss {trainLoss:F3} valid nll {nll:F3} ppl {Math.Exp(nll):F2}" + (bleu is double b ? $" bleu {b:F2}" : "") + (improved ? " (best)" : "")));
            return improved;
        }
        finally
        {
            Model.train();
        }
    }

    double ValidationNll(IReadOnlyList<TokenizedPair> pairs)
    {
        using var noGrad = no_grad();
        var usable = pairs.Where(p => TrainingBatch.Fits(p, Model.Config)).ToList();
        var batches = new TokenBatcher(usable, options.BatchTokens, seed: 0, architecture: Model.Config.Architecture).EpochBatches(0);
        double nll = 0;
        long tokens = 0;
        foreach (var indices in batches)
        {
            using var scope = NewDisposeScope();
            using var batch = TrainingBatch.Create(usable, indices, Model.Config, Model.Device, options.Objective);
            var logits = Model.forward(batch.Source, batch.TargetInput);
            var (_, batchNll) = criterion.Compute(logits, batch.TargetOutput);
            nll += batchNll.item<float>();
            tokens += batch.TargetTokens;
        }
        return nll / Math.Max(tokens, 1);
    }

    double ValidationBleuOf(ValidationSet valid)
    {
        var search = new GreedySearch(Model, DecodingOptions.Greedy);
        var order = Enumerable.Range(0, valid.Pairs.Count).OrderBy(i => valid.Pairs[i].Source.Length).ToArray();
        var hypotheses = new string[valid.Pairs.Count];
        foreach (var chunk in order.Chunk(64))
        {
            var outputs = search.Search(chunk.Select(i => valid.Pairs[i].Source).ToList());
            for (int j = 0; j < chunk.Length; j++) hypotheses[chunk[j]] = valid.Tokenizer!.Decode(outputs[j][0].Tokens);
        }
        // sacreBLEU-exact corpus BLEU (13a, exp smoothing), as `regurg score` reports it.
        return new Regurgitate.Metrics.Bleu().CorpusScore(hypotheses, valid.References!).Score;
    }

    public void Dispose()
    {
        optimizer.Dispose();
        Model.Dispose();
    }
}
