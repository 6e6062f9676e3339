using Regurgitate.Decoding;
using Regurgitate.Generators;
using Regurgitate.Training;

namespace Regurgitate.Serving;

/// <summary>What `regurg serve --fine-tuning` fine-tunes, where it keeps its state, and how it trains and translates.</summary>
/// <param name="BaseCheckpoint">The base model: a run directory or checkpoint that <see cref="Translator.Load"/> opens.</param>
/// <param name="StateDirectory">Uploaded files, jobs and fine-tuned models; a restarted server on the same directory goes on with its jobs.</param>
public sealed record FineTuningServerOptions(string BaseCheckpoint, string StateDirectory)
{
    /// <summary>The base model's name; default "nmt:FOLDER", as `regurg serve --checkpoint` names it.</summary>
    public string? BaseModelName { get; init; }
    /// <summary>How chat completions decode, for the base and every fine-tuned model.</summary>
    public DecodingOptions Decoding { get; init; } = new();
    /// <summary>Device to translate and train on.</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>Epochs of a job that leaves n_epochs to the server ("auto"): few, since a CPU trains each.</summary>
    public int DefaultEpochs { get; init; } = 3;
    /// <summary>
    /// How a job trains (epochs and seed come from the job). A fine-tune starts from a trained model, so the rate
    /// is lower and the warm-up shorter than from scratch; no early stopping, so a job trains the epochs it asked for;
    /// a checkpoint every few updates, so a killed server loses little.
    /// </summary>
    public TrainingOptions Training { get; init; } = new()
    {
        LearningRate = 2e-4,
        WarmupSteps = 10,
        BatchTokens = 2048,
        Patience = 0,
        SaveEveryUpdates = 25,
        ReportEveryUpdates = 5,
    };
    /// <summary>The prompt template clients send, to recover sources from training examples and requests; null: as `serve` without --prompt.</summary>
    public PromptTemplate? Prompt { get; init; }
    /// <summary>Told one line per job event worth telling (never keys).</summary>
    public Action<string>? Log { get; init; }
}
