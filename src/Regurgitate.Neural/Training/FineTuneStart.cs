using Regurgitate.Decoding;
using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>
/// Starts a training run from a pretrained checkpoint (a study student's <c>init:</c>, `regurg train --init`, a job of `serve --fine-tuning`): writes the pretrained weights
/// as the run's first checkpoint, with a fresh optimizer and training state, so <see cref="TrainingRun"/>
/// continues from it (and resumes exactly after a kill like any run). The model's dropout generator is
/// seeded with the cell's seed.
/// </summary>
public static class FineTuneStart
{
    /// <summary>The tokenizer.json that goes with a checkpoint or run directory.</summary>
    public static string TokenizerOf(string init)
    {
        string checkpoint = Checkpoint.ResolveForInference(init);
        return new[]
            {
                Path.Combine(checkpoint, Translator.TokenizerFile),
                Path.Combine(init, Translator.TokenizerFile),
                Path.Combine(checkpoint, "..", "..", Translator.TokenizerFile),
            }.FirstOrDefault(File.Exists)
            ?? throw new InputException($"no {Translator.TokenizerFile} beside the init checkpoint or in its run directory", init);
    }

    /// <summary>Seeds <paramref name="runDirectory"/> with <paramref name="init"/>'s weights unless it already has a checkpoint.</summary>
    public static void Prepare(string runDirectory, string init, TrainingOptions options)
    {
        if (Directory.Exists(runDirectory) && Checkpoint.Resolve(runDirectory, Checkpoint.LastPointer) != null) return;
        string checkpoint = Checkpoint.ResolveForInference(init);
        using var model = new TranslationModel(Checkpoint.ReadConfig(checkpoint), options.Seed, CPU);
        model.load(Path.Combine(checkpoint, "model.bin"));
        using var optimizer = optim.Adam(model.parameters(), options.LearningRate, options.Beta1, options.Beta2, options.AdamEpsilon, options.WeightDecay);
        Directory.CreateDirectory(runDirectory);
        File.Copy(TokenizerOf(init), Path.Combine(runDirectory, Translator.TokenizerFile), overwrite: true);
        Checkpoint.Save(runDirectory, model, optimizer, TrainingState.Start(options.Seed), isBest: false);
    }
}
