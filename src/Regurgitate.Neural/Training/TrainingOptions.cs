using Regurgitate.Settings;

namespace Regurgitate.Training;

/// <summary>How to train: batching, optimizer, schedule, stopping, checkpointing.</summary>
public sealed record TrainingOptions
{
    /// <summary>Tokens per batch, padding included.</summary>
    [Setting("batch_tokens", Option = "--batch-tokens", Help = "tokens per batch, padding included", Min = 1)]
    public int BatchTokens { get; init; } = 4096;
    /// <summary>Batches whose gradients are summed into one update.</summary>
    [Setting("accumulate", Option = "--accumulate", Help = "batches per optimizer update (gradient accumulation)", Min = 1)]
    public int AccumulationSteps { get; init; } = 1;
    /// <summary>Peak learning rate of the inverse-sqrt schedule.</summary>
    [Setting("lr", Option = "--lr", Help = "peak learning rate (inverse-sqrt schedule)", Min = 0, MinExclusive = true)]
    public double LearningRate { get; init; } = 7e-4;
    /// <summary>Warm-up updates.</summary>
    [Setting("warmup", Option = "--warmup", Help = "warm-up updates", Min = 0)]
    public int WarmupSteps { get; init; } = 4000;
    /// <summary>Adam β1, β2 and ε (Vaswani et al. use 0.9, 0.98, 1e-9).</summary>
    [Setting("adam_beta1", Help = "Adam beta1", Min = 0, Max = 1, MaxExclusive = true)]
    public double Beta1 { get; init; } = 0.9;
    [Setting("adam_beta2", Help = "Adam beta2", Min = 0, Max = 1, MaxExclusive = true)]
    public double Beta2 { get; init; } = 0.98;
    [Setting("adam_epsilon", Help = "Adam epsilon", Min = 0, MinExclusive = true)]
    public double AdamEpsilon { get; init; } = 1e-9;
    /// <summary>Weight decay (L2 in Adam).</summary>
    [Setting("weight_decay", Help = "weight decay (L2 in Adam)", Min = 0)]
    public double WeightDecay { get; init; } = 0.0;
    /// <summary>Label smoothing ε.</summary>
    [Setting("label_smoothing", Option = "--label-smoothing", Help = "label smoothing epsilon", Min = 0, Max = 1, MaxExclusive = true)]
    public double LabelSmoothing { get; init; } = 0.1;
    /// <summary>Clip the global gradient norm to this value; 0 disables clipping.</summary>
    [Setting("clip_norm", Option = "--clip-norm", Help = "clip the gradient norm to this (0: off)", Min = 0)]
    public double ClipNorm { get; init; } = 1.0;
    /// <summary>Stop after this many epochs.</summary>
    [Setting("epochs", Option = "--max-epochs", Help = "stop after this many epochs", Min = 1)]
    public int MaxEpochs { get; init; } = 100;
    /// <summary>Stop after this many updates (null: no limit).</summary>
    [Setting("updates", Option = "--max-updates", Help = "stop after this many optimizer updates", Min = 1)]
    public long? MaxUpdates { get; init; }
    /// <summary>Stop after this much training time, summed over resumed runs (null: no limit).</summary>
    [Setting("minutes", Option = "--max-minutes", Help = "stop after this much training time (summed over resumed runs; not reproducible)", Min = 0, MinExclusive = true)]
    public double? MaxMinutes { get; init; }
    /// <summary>Stop when the validation metric has not improved for this many validations; 0 disables.</summary>
    [Setting("patience", Option = "--patience", Help = "stop after this many validations without improvement (0: off)", Min = 0)]
    public int Patience { get; init; } = 5;
    /// <summary>Seed of initialization, dropout and data order.</summary>
    [Setting("seed", Option = "--seed", Help = "seed of initialization, dropout and data order")]
    public long Seed { get; init; } = 1;
    /// <summary>Also write the last checkpoint every this many updates; 0: only at epoch ends and when stopping.</summary>
    [Setting("save_every", Option = "--save-every", Help = "also checkpoint every N updates (0: at epoch ends and when stopping)", Min = 0, DefinesResult = false)]
    public int SaveEveryUpdates { get; init; } = 0;
    /// <summary>Compute validation BLEU (greedy decoding) at each validation; the best checkpoint is chosen by it.</summary>
    [Setting("validate_bleu", Option = "--no-valid-bleu", OptionTurnsOff = true, Help = "validate by loss only (faster); the best checkpoint is then the lowest validation loss")]
    public bool ValidateBleu { get; init; } = true;
    /// <summary>Report progress every this many updates.</summary>
    [Setting("report_every", Help = "report progress every this many updates", Min = 1, DefinesResult = false)]
    public int ReportEveryUpdates { get; init; } = 10;
    /// <summary>Type of the matrix products (mixed precision with bfloat16); a resumed run must keep it to stay exact.</summary>
    [Setting("precision", Help = "matrix products in fp32, or bf16 (mixed precision)")]
    public Regurgitate.Modeling.MatmulPrecision Precision { get; init; } = Regurgitate.Modeling.MatmulPrecision.Float32;
    /// <summary>
    /// Which tokens the loss covers: <see cref="TrainingObjective.Completion"/> (translation: the target side; for a
    /// decoder-only model the prompt is masked) or <see cref="TrainingObjective.LanguageModel"/> (decoder-only pretraining:
    /// every token). Validation loss uses the same objective.
    /// </summary>
    [Setting("objective", Option = "--objective", Help = "loss on: completion (the target side; decoder-only models mask the prompt) or lm (decoder-only pretraining: every token)")]
    public TrainingObjective Objective { get; init; } = TrainingObjective.Completion;
    /// <summary>Pairs per length-sorting chunk of the batcher.</summary>
    [Setting("sort_chunk_size", Help = "pairs per length-sorting chunk of the batcher", Min = 1)]
    public int SortChunkSize { get; init; } = 16384;

    /// <summary>These options if every value is usable; else an <see cref="InputException"/> naming the option (as `regurg train` spells it).</summary>
    public TrainingOptions Validated()
    {
        SettingsBinder.Validate(this);
        return this;
    }
}
