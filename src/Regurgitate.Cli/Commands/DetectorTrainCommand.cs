using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Regurgitate.Detection;
using Regurgitate.IO;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg detector train`: fit a detector on human and machine target files and save it to a directory.</summary>
internal static class DetectorTrainCommand
{
    public static Command Create()
    {
        var defaults = DetectorOptions.Defaults;
        var human = new Option<string[]>("--human") { Description = "human-written targets: text, one per line (.gz ok), or JSONL; repeat for several files", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var machine = new Option<string[]>("--machine") { Description = "machine-made targets: text (.gz ok) or `regurg generate` JSONL; repeat for several files", Required = true, Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var humanSources = new Option<string[]>("--human-src") { Description = "sources of the --human files (one per file, aligned): validation then holds out whole sources", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var machineSources = new Option<string[]>("--machine-src") { Description = "sources of the --machine files (JSONL carries its own)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out", "-o") { Description = "detector directory to write (atomically; an existing detector there is replaced)", Required = true };
        var kind = new Option<string>("--model") { Description = "linear (ML.NET logistic regression on n-gram bags) or neural (TorchSharp embedding bag + MLP)", DefaultValueFactory = _ => "linear" };
        kind.AcceptOnlyFromAmong("linear", "neural");
        var seed = new Option<int>("--seed") { Description = "seeds balancing, the validation split and the model", DefaultValueFactory = _ => defaults.Seed };
        var validation = new Option<double>("--validation-share") { Description = "share of sources held out for calibration, early stopping and the audit's error rates", DefaultValueFactory = _ => defaults.ValidationShare };
        var wordNgrams = new Option<int>("--word-ngrams") { Description = "longest word n-gram", DefaultValueFactory = _ => defaults.WordNgramLength };
        var charNgrams = new Option<int>("--char-ngrams") { Description = "character n-gram length", DefaultValueFactory = _ => defaults.CharNgramLength };
        var l2 = new Option<float>("--l2") { Description = "linear: L2 regularization", DefaultValueFactory = _ => defaults.L2Regularization };
        var epochs = new Option<int>("--epochs") { Description = "neural: most epochs (early stopping on validation loss)", DefaultValueFactory = _ => defaults.Epochs };
        var learningRate = new Option<double>("--lr") { Description = "neural: Adam learning rate", DefaultValueFactory = _ => defaults.LearningRate };
        var buckets = new Option<int>("--hash-buckets") { Description = "neural: hashed n-gram embedding rows", DefaultValueFactory = _ => defaults.HashBuckets };
        var format = DetectorCommand.FormatOption();

        var command = new Command("train",
            "Train a detector that tells human targets from generated ones. Classes are balanced; a seeded share of sources is held out " +
            "for calibration. Keep the training pairs out of every student's training data.");
        foreach (var option in new Option[] { human, machine, humanSources, machineSources, output, kind, seed, validation, wordNgrams, charNgrams, l2, epochs, learningRate, buckets, format })
            command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            string outDir = parse.GetValue(output)!;
            OutputFiles.CheckDirectory(outDir, "--out");
            var options = new DetectorOptions(
                Kind: parse.GetValue(kind) == "neural" ? DetectorKind.Neural : DetectorKind.Linear,
                Seed: parse.GetValue(seed),
                ValidationShare: parse.GetValue(validation),
                WordNgramLength: parse.GetValue(wordNgrams),
                CharNgramLength: parse.GetValue(charNgrams),
                L2Regularization: parse.GetValue(l2),
                HashBuckets: parse.GetValue(buckets),
                Epochs: parse.GetValue(epochs),
                LearningRate: parse.GetValue(learningRate)).Validated();
            var (humanTexts, humanSrc) = DetectorCommand.ReadLabelled(parse.GetValue(human)!, parse.GetValue(humanSources), "--human");
            var (machineTexts, machineSrc) = DetectorCommand.ReadLabelled(parse.GetValue(machine)!, parse.GetValue(machineSources), "--machine");
            // Sources split validation only when both sides have them; one side alone cannot keep a source on one side.
            var data = humanSrc != null && machineSrc != null
                ? new DetectorTrainingSet(humanTexts, machineTexts, humanSrc, machineSrc)
                : new DetectorTrainingSet(humanTexts, machineTexts);

            var clock = Stopwatch.StartNew();
            using var detector = MachineTextDetector.Train(data, options, cancellationToken);
            double seconds = clock.Elapsed.TotalSeconds;
            detector.Save(outDir);
            var manifest = detector.Manifest;
            int lines = 2 * (manifest.Counts.TrainingPerClass + manifest.Counts.ValidationPerClass);

            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                writer.WriteLine(JsonSerializer.Serialize(new { Out = outDir, TrainingSeconds = Math.Round(seconds, 3), LinesPerSecond = Math.Round(lines / seconds, 1), SplitBySource = data.HumanSources != null, Manifest = manifest }, DetectorManifest.Json));
                return Task.FromResult(0);
            }
            var console = Terminal.AnsiConsoleFor(writer, wide: true);
            console.WriteLine(Markup.Escape($"{manifest.Kind} detector → {outDir}"));
            console.WriteLine(Markup.Escape($"features: {manifest.Features}"));
            console.WriteLine(Markup.Escape($"given {manifest.Counts.HumanGiven} human and {manifest.Counts.MachineGiven} machine texts; " +
                $"trained on {manifest.Counts.TrainingPerClass} per class, validated on {manifest.Counts.ValidationPerClass} per class " +
                $"(split by {(data.HumanSources != null ? "source" : "text")}, seed {options.Seed})"));
            string epochNote = manifest.EpochsTrained is int e ? $", {e} epochs" : "";
            console.WriteLine(Markup.Escape($"trained in {seconds.ToString("0.0", CultureInfo.InvariantCulture)} s ({(lines / seconds).ToString("0", CultureInfo.InvariantCulture)} lines/s{epochNote})"));
            DetectorReportWriter.WriteMetrics(console, "validation (held-out share, after calibration)", manifest.Validation);
            console.WriteLine(Markup.Escape($"flag rates at P(human) < {manifest.Threshold.ToString(CultureInfo.InvariantCulture)}: {DetectorReportWriter.Percent(manifest.TruePositiveRate)} of machine texts, {DetectorReportWriter.Percent(manifest.FalsePositiveRate)} of human texts"));
            console.WriteLine(Markup.Escape("keep these training pairs out of every student's training data."));
            return Task.FromResult(0);
        });
        return command;
    }
}
