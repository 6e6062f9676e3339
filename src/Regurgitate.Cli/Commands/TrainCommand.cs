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
    // Every default, help text and range comes from TrainingOptions' declarations; only --save-every differs on
    // purpose: the library saves at epoch ends only (0), while a command-line run also checkpoints every 500
    // updates so a kill loses little.
    internal static TrainingOptions Defaults { get; } = new() { SaveEveryUpdates = 500 };

    public static Command Create()
    {
        var train = new CorpusArguments("train-", "training data");
        var valid = new CorpusArguments("valid-", "validation data", required: false, corpusExample: "multi30k:val:de-en");
        var tokenizerPath = new Option<string?>("--tokenizer") { Description = "tokenizer.json to use (see `regurg tokenizer train`); or --vocab-size to train one on the training data" };
        var vocabularySize = new Option<int?>("--vocab-size") { Description = "train a joint BPE tokenizer of this size on both sides of the training data" };
        var preset = new Option<string>("--preset") { Description = "architecture: " + string.Join(", ", ModelPresets.Names), DefaultValueFactory = _ => ModelPresets.CpuSmall };
        var output = OutOption.Required("run directory (checkpoints, tokenizer.json); an existing run is resumed");
        var settings = new SettingOptions<TrainingOptions>(Defaults);
        var lmText = new Option<string?>("--lm-text") { Description = "also train on this file's lines as plain text (one text per line; decoder-only presets)" };
        var init = new Option<string?>("--init") { Description = "start from this checkpoint or run directory's weights (fine-tuning; its tokenizer is used)" };
        var threads = ComputeOptions.Threads();
        var device = ComputeOptions.Device();
        var precision = PrecisionOption.Create("training");

        var command = new Command("train", "Train a transformer translation model (resumes automatically when --out holds a checkpoint).");
        train.AddTo(command);
        valid.AddTo(command);
        Option[] offered = [tokenizerPath, vocabularySize, preset, output, .. settings.All, lmText, init, threads, device, precision];
        foreach (var option in offered)
            command.Options.Add(option);

        command.SetAction((parse, cancellation) =>
        {
            var o = parse.InvocationConfiguration.Output;
            TorchRuntime.SetThreads(parse.GetValue(threads));
            var torchDevice = TorchRuntime.ResolveDevice(parse.GetValue(device)!);
            string runDirectory = parse.GetValue(output)!;
            var options = (settings.Bind(parse) with { Precision = PrecisionOption.Parse(parse.GetValue(precision)!) }).Validated();

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
