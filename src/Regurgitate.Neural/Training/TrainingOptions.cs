namespace Regurgitate.Training;

/// <summary>How to train: batching, optimizer, schedule, stopping, checkpointing.</summary>
public sealed record TrainingOptions
{
    /// <summary>Tokens per batch, padding included.</summary>
    public int BatchTokens { get; init; } = 4096;
    /// <summary>Batches whose gradients are summed into one update.</summary>
    public int AccumulationSteps { get; init; } = 1;
    /// <summary>Peak learning rate of the inverse-sqrt schedule.</summary>
    public double LearningRate { get; init; } = 7e-4;
    /// <summary>Warm-up updates.</summary>
    public int WarmupSteps { get; init; } = 4000;
    /// <summary>Adam β1, β2 and ε (Vaswani et al. use 0.9, 0.98, 1e-9).</summary>
    public double Beta1 { get; init; } = 0.9;
    public double Beta2 { get; init; } = 0.98;
    public double AdamEpsilon { get; init; } = 1e-9;
    /// <summary>Weight decay (L2 in Adam).</summary>
    public double WeightDecay { get; init; } = 0.0;
    /// <summary>Label smoothing ε.</summary>
    public double LabelSmoothing { get; init; } = 0.1;
    /// <summary>Clip the global gradient norm to this value; 0 disables clipping.</summary>
    public double ClipNorm { get; init; } = 1.0;
    /// <summary>Stop after this many epochs.</summary>
    public int MaxEpochs { get; init; } = 100;
    /// <summary>Stop after this many updates (null: no limit).</summary>
    public long? MaxUpdates { get; init; }
    /// <summary>Stop after this much training time, summed over resumed runs (null: no limit).</summary>
    public double? MaxMinutes { get; init; }
    /// <summary>Stop when the validation metric has not improved for this many validations; 0 disables.</summary>
    public int Patience { get; init; } = 5;
    /// <summary>Seed of initialization, dropout and data order.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Also write the last checkpoint every this many updates; 0: only at epoch ends and when stopping.</summary>
    public int SaveEveryUpdates { get; init; } = 0;
    /// <summary>Compute validation BLEU (greedy decoding) at each validation; the best checkpoint is chosen by it.</summary>
    public bool ValidateBleu { get; init; } = true;
    /// <summary>Report progress every this many updates.</summary>
    public int ReportEveryUpdates { get; init; } = 10;
    /// <summary>Type of the matrix products (mixed precision with bfloat16); a resumed run must keep it to stay exact.</summary>
    public Regurgitate.Modeling.MatmulPrecision Precision { get; init; } = Regurgitate.Modeling.MatmulPrecision.Float32;
    /// <summary>
    /// Which tokens the loss covers: <see cref="TrainingObjective.Completion"/> (translation: the target side; for a
    /// decoder-only model the prompt is masked) or <see cref="TrainingObjective.LanguageModel"/> (decoder-only pretraining:
    /// every token). Validation loss uses the same objective.
    /// </summary>
    public TrainingObjective Objective { get; init; } = TrainingObjective.Completion;
    /// <summary>Pairs per length-sorting chunk of the batcher.</summary>
    public int SortChunkSize { get; init; } = 16384;

    /// <summary>These options if every value is usable; else an <see cref="InputException"/> naming the option (as `regurg train` spells it).</summary>
    public TrainingOptions Validated()
    {
        static void Require(bool ok, string problem) { if (!ok) throw new InputException(problem); }
        Require(BatchTokens >= 1, $"--batch-tokens must be at least 1, not {BatchTokens}");
        Require(AccumulationSteps >= 1, $"--accumulate must be at least 1, not {AccumulationSteps}");
        Require(double.IsFinite(LearningRate) && LearningRate > 0, $"--lr must be a positive number, not {LearningRate}");
        Require(WarmupSteps >= 0, $"--warmup must be 0 or more, not {WarmupSteps}");
        Require(LabelSmoothing is >= 0 and < 1, $"--label-smoothing must be in [0, 1), not {LabelSmoothing}");
        Require(double.IsFinite(ClipNorm) && ClipNorm >= 0, $"--clip-norm must be 0 (off) or positive, not {ClipNorm}");
        Require(MaxEpochs >= 1, $"--max-epochs must be at least 1, not {MaxEpochs}");
        Require(MaxUpdates is null or >= 1, $"--max-updates must be at least 1, not {MaxUpdates}");
        Require(MaxMinutes is null || (double.IsFinite(MaxMinutes.Value) && MaxMinutes > 0), $"--max-minutes must be a positive number, not {MaxMinutes}");
        Require(Patience >= 0, $"--patience must be 0 (off) or more, not {Patience}");
        Require(SaveEveryUpdates >= 0, $"--save-every must be 0 (epoch ends only) or more, not {SaveEveryUpdates}");
        Require(ReportEveryUpdates >= 1, $"report interval must be at least 1, not {ReportEveryUpdates}");
        Require(SortChunkSize >= 1, $"sort chunk size must be at least 1, not {SortChunkSize}");
        Require(Enum.IsDefined(Objective), $"--objective must be completion or lm, not {Objective}");
        Require(Beta1 is >= 0 and < 1 && Beta2 is >= 0 and < 1 && AdamEpsilon > 0 && WeightDecay >= 0, "Adam settings out of range");
        return this;
    }
}
