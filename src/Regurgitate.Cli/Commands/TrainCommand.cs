using System.CommandLine;
using System.Globalization;
using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Runtime;
using Regurgitate.Tokenization;
using Regurgitate.Training;
using Regurgitate.Progress;
using Regurgitate.Corpora.Formats;
using Regurgitate.Studies;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg train`: train a transformer translation model into a run directory, resuming it if it has a checkpoint.</summary>
internal static class TrainCommand
{
    // Defaults come from the options type; only --save-every differs on purpose: the library saves at epoch
    // ends only (0), while a command-line run also checkpoints every 500 updates so a kill loses little.
    static readonly TrainingOptions Defaults = new();

    public static Command Create()
    {
        var train = new CorpusArguments("train-", "training data");
        var valid = new CorpusArguments("valid-", "validation data", required: false, corpusExample: "multi30k:val:de-en");
        var tokenizerPath = new Option<string?>("--tokenizer") { Description = "tokenizer.json to use (see `regurg tokenizer train`); or --vocab-size to train one on the training data" };
        var vocabularySize = new Option<int?>("--vocab-size") { Description = "train a joint BPE tokenizer of this size on both sides of the training data" };
        var preset = new Option<string>("--preset") { Description = "architecture: " + string.Join(", ", ModelConfig.PresetNames), DefaultValueFactory = _ => "cpu-small" };
        var output = OutOption.Required("run directory (checkpoints, tokenizer.json); an existing run is resumed");
        var maxMinutes = new Option<double?>("--max-minutes") { Description = "stop after this much training time (summed over resumed runs)" };
        var maxEpochs = new Option<int>("--max-epochs") { Description = "stop after this many epochs", DefaultValueFactory = _ => Defaults.MaxEpochs };
        var maxUpdates = new Option<long?>("--max-updates") { Description = "stop after this many optimizer updates" };
        var batchTokens = new Option<int>("--batch-tokens") { Description = "tokens per batch, padding included", DefaultValueFactory = _ => Defaults.BatchTokens };
        var accumulate = new Option<int>("--accumulate") { Description = "batches per optimizer update (gradient accumulation)", DefaultValueFactory = _ => Defaults.AccumulationSteps };
        var learningRate = new Option<double>("--lr") { Description = "peak learning rate (inverse-sqrt schedule)", DefaultValueFactory = _ => Defaults.LearningRate };
        var warmup = new Option<int>("--warmup") { Description = "warm-up updates", DefaultValueFactory = _ => Defaults.WarmupSteps };
        var labelSmoothing = new Option<double>("--label-smoothing") { Description = "label smoothing epsilon", DefaultValueFactory = _ => Defaults.LabelSmoothing };
        var clipNorm = new Option<double>("--clip-norm") { Description = "clip the gradient norm to this (0: off)", DefaultValueFactory = _ => Defaults.ClipNorm };
        var patience = new Option<int>("--patience") { Description = "stop after this many validations without improvement (0: off)", DefaultValueFactory = _ => Defaults.Patience };
        var saveEvery = new Option<int>("--save-every") { Description = "also checkpoint every N updates (0: at epoch ends and when stopping)", DefaultValueFactory = _ => 500 };
        var noBleu = new Option<bool>("--no-valid-bleu") { Description = "validate by loss only (faster); the best checkpoint is then the lowest validation loss" };
        var objective = new Option<string>("--objective")
        {
            Description = "loss on: completion (the target side; decoder-only models mask the prompt) or lm (decoder-only pretraining: every token)",
            DefaultValueFactory = _ => ObjectiveNames.NameOf(Defaults.Objective),
        };
        objective.AcceptOnlyFromAmong([.. ObjectiveNames.All]);
        var lmText = new Option<string?>("--lm-text") { Description = "also train on this file's lines as plain text (one text per line; decoder-only presets)" };
        var init = new Option<string?>("--init") { Description = "start from this checkpoint or run directory's weights (fine-tuning; its tokenizer is used)" };
        var seed = new Option<long>("--seed") { Description = "seed of initialization, dropout and data order", DefaultValueFactory = _ => Defaults.Seed };
        var threads = ComputeOptions.Threads();
        var device = ComputeOptions.Device();
        var precision = PrecisionOption.Create("training");

        var command = new Command("train", "Train a transformer translation model (resumes automatically when --out holds a checkpoint).");
        train.AddTo(command);
        valid.AddTo(command);
        foreach (var option in new Option[] { tokenizerPath, vocabularySize, preset, output, maxMinutes, maxEpochs, maxUpdates, batchTokens, accumulate,
                     learningRate, warmup, labelSmoothing, clipNorm, patience, saveEvery, noBleu, objective, lmText, init, seed, threads, device, precision })
            command.Options.Add(option);

        command.SetAction((parse, cancellation) =>
        {
            var o = parse.InvocationConfiguration.Output;
            TorchRuntime.SetThreads(parse.GetValue(threads));
            var torchDevice = TorchRuntime.ResolveDevice(parse.GetValue(device)!);
            string runDirectory = parse.GetValue(output)!;
            var options = new TrainingOptions
            {
                BatchTokens = parse.GetValue(batchTokens),
                AccumulationSteps = parse.GetValue(accumulate),
                LearningRate = parse.GetValue(learningRate),
                WarmupSteps = parse.GetValue(warmup),
                LabelSmoothing = parse.GetValue(labelSmoothing),
                ClipNorm = parse.GetValue(clipNorm),
                MaxEpochs = parse.GetValue(maxEpochs),
                MaxUpdates = parse.GetValue(maxUpdates),
                MaxMinutes = parse.GetValue(maxMinutes),
                Patience = parse.GetValue(patience),
                SaveEveryUpdates = parse.GetValue(saveEvery),
                ValidateBleu = !parse.GetValue(noBleu),
                Seed = parse.GetValue(seed),
                Precision = PrecisionOption.Parse(parse.GetValue(precision)!),
                Objective = ObjectiveNames.Parse(parse.GetValue(objective)!),
            }.Validated();

            var trainPairs = train.Resolve(parse)!.ToList();
            var validPairs = valid.Resolve(parse)?.ToList();
            o.WriteLine($"training pairs: {trainPairs.Count}" + (validPairs != null ? $", validation pairs: {validPairs.Count}" : ", no validation data"));

            List<string>? text = null;
            if (parse.GetValue(lmText) is string textFile)
            {
                text = TextLines.ReadAll(textFile);
                o.WriteLine($"plain text lines: {text.Count} ({textFile})");
            }
            string? initFrom = parse.GetValue(init);
            var request = new TrainingRunRequest
            {
                RunDirectory = runDirectory,
                Train = trainPairs,
                Valid = validPairs,
                LanguageModelText = text,
                Init = initFrom,
                // Fine-tuning keeps the pretrained model's vocabulary.
                Tokenizer = initFrom != null && parse.GetValue(tokenizerPath) == null
                    ? new TokenizerSource(FineTuneStart.TokenizerOf(initFrom))
                    : new TokenizerSource(parse.GetValue(tokenizerPath), parse.GetValue(vocabularySize)),
                Preset = parse.GetValue(preset)!,
                Options = options,
                Device = torchDevice,
            };
            if (initFrom != null)
            {
                // The same start a study student's `init:` gets: the pretrained weights become the run's first checkpoint.
                TrainingRun.Validate(request);
                FineTuneStart.Prepare(runDirectory, initFrom, options);
            }
            var result = TrainingRun.Run(request, o.WriteLine, new LineProgress(o), cancellation);
            var state = result.State;

            string? best = result.BestCheckpoint;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stopped after {state.Updates} updates, epoch {state.Epoch}, {state.TrainingSeconds / 60:F1} min{(state.Finished ? " (finished)" : "")}; best metric {state.BestMetric?.ToString("F3", CultureInfo.InvariantCulture) ?? "n/a"}"));
            o.WriteLine($"best checkpoint: {best ?? (validPairs == null ? "none (no validation data; translate uses the last)" : "none")}");
            o.WriteLine($"translate with: regurg translate --checkpoint {runDirectory}");
            return Task.FromResult(0);
        });
        return Interruptible.Mark(command);
    }

    /// <summary>Writes each progress update as one line, synchronously (in order, no lost lines).</summary>
    sealed class LineProgress(TextWriter output) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value)
        {
            string total = value.Total is long t ? $"/{t}" : "";
            output.WriteLine($"{value.Task}: {value.Done}{total} {value.Unit} | {value.Detail}");
            output.Flush();
        }
    }
}
