using Regurgitate.Corpora;
using Regurgitate.Progress;
using Regurgitate.Training;

namespace Regurgitate.Serving;

/// <summary>
/// The training of one job: the base checkpoint's weights become the first checkpoint of the job's run
/// (<see cref="FineTuneStart"/>), and <see cref="TrainingRun"/> trains it on the job's pairs, so a run
/// interrupted by a stop or a kill resumes exactly from its last checkpoint like any other.
/// </summary>
internal static class FineTuningJobTraining
{
    /// <summary>Trains job <paramref name="job"/> in <paramref name="runDirectory"/> to its epochs, or until <paramref name="cancellation"/>.</summary>
    public static TrainingRunResult Run(FineTuningJobState job, string runDirectory, IReadOnlyList<SentencePair> train, IReadOnlyList<SentencePair>? valid,
        FineTuningServerOptions options, Action<string> log, IProgress<ProgressUpdate> progress, CancellationToken cancellation)
    {
        var training = options.Training with { MaxEpochs = job.Epochs, Seed = job.Seed, ValidateBleu = valid != null };
        FineTuneStart.Prepare(runDirectory, options.BaseCheckpoint, training);
        return TrainingRun.Run(new TrainingRunRequest
        {
            RunDirectory = runDirectory,
            Train = train,
            Valid = valid,
            Tokenizer = new TokenizerSource(FineTuneStart.TokenizerOf(options.BaseCheckpoint)),
            // The architecture comes from the checkpoint; the preset name only enters the run's identity.
            Preset = BasePreset(options.BaseCheckpoint),
            Options = training,
            Device = Runtime.TorchRuntime.ResolveDevice(options.Device),
        }, log, progress, cancellation);
    }

    /// <summary>The preset the base run recorded, so the job's run identity names the real architecture; else the default preset.</summary>
    static string BasePreset(string baseCheckpoint)
    {
        foreach (var folder in new[] { baseCheckpoint, Path.Combine(baseCheckpoint, "..", "..") })
            if (Directory.Exists(folder) && RunIdentity.Read(folder)?.Fields.GetValueOrDefault("--preset") is string preset && Modeling.ModelConfig.PresetNames.Contains(preset))
                return preset;
        return new TrainingRunRequest { RunDirectory = "", Train = [], Tokenizer = new TokenizerSource() }.Preset;
    }
}
