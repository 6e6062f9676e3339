using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Regurgitate.Detection;
using Regurgitate.IO;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg detector audit`: estimate a corpus's machine-made share with a confidence interval, and flag its pairs.</summary>
internal static class DetectorAuditCommand
{
    public static Command Create()
    {
        var model = DetectorCommand.ModelOption();
        var corpus = new Option<string>("--corpus") { Description = "targets of unknown origin: text (.gz ok) or JSONL", Required = true };
        var output = new Option<string?>("--out", "-o") { Description = "JSONL to write (atomically): {\"id\", \"p_human\", \"flag\"} per pair (flag: machine-made)" };
        var bootstrap = new Option<int>("--bootstrap") { Description = "bootstrap resamples for the confidence interval", DefaultValueFactory = _ => MachineShareAudit.DefaultBootstrapSamples };
        var seed = new Option<int>("--seed") { Description = "seeds the bootstrap", DefaultValueFactory = _ => 1 };
        var format = DetectorCommand.FormatOption();
        var command = new Command("audit",
            "Estimate what share of a corpus is machine-made, with a 95% CI: adjusted classify-and-count, (flagged share − FPR) / (TPR − FPR), " +
            "with TPR and FPR from the detector's held-out validation texts; the bootstrap resamples the corpus and those texts. " +
            "Assumes the machine-made part comes from generators like those the detector was trained on.");
        foreach (var option in new Option[] { model, corpus, output, bootstrap, seed, format }) command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            string? outPath = parse.GetValue(output);
            OutputFiles.Check((outPath, "--out"));
            string corpusPath = parse.GetValue(corpus)!;
            var segments = DetectorCorpus.Read(corpusPath);
            using var detector = MachineTextDetector.Load(parse.GetValue(model)!);
            var scores = detector.ProbabilityHuman([.. segments.Select(s => s.Text)]);
            var estimate = MachineShareAudit.Estimate(scores, detector.Validation, detector.Manifest.Threshold, parse.GetValue(bootstrap), parse.GetValue(seed));
            if (outPath != null) DetectorScoresJsonl.Write(outPath, segments, scores, detector.Manifest.Threshold);

            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                writer.WriteLine(JsonSerializer.Serialize(new { Corpus = corpusPath, Model = parse.GetValue(model), Estimate = estimate, Out = outPath }, DetectorManifest.Json));
                return Task.FromResult(0);
            }
            var console = Terminal.AnsiConsoleFor(writer, wide: true);
            string P(double x) => DetectorReportWriter.Percent(x);
            console.WriteLine(Markup.Escape($"{corpusPath}: {estimate.Texts} texts"));
            console.WriteLine(Markup.Escape($"machine-made share: {P(estimate.Share)} (95% CI {P(estimate.Lower)}–{P(estimate.Upper)}, {estimate.BootstrapSamples} bootstrap samples)"));
            console.WriteLine(Markup.Escape($"flagged at P(human) < {detector.Manifest.Threshold.ToString(CultureInfo.InvariantCulture)}: {P(estimate.FlaggedShare)}; " +
                $"held-out TPR {P(estimate.TruePositiveRate)}, FPR {P(estimate.FalsePositiveRate)}"));
            if (estimate.TruePositiveRate - estimate.FalsePositiveRate < 0.2)
                console.WriteLine(Markup.Escape("warning: the detector barely separates the classes (TPR − FPR < 0.2); the interval is wide and the estimate fragile"));
            if (outPath != null) console.WriteLine(Markup.Escape($"per-pair flags: {outPath}"));
            return Task.FromResult(0);
        });
        return command;
    }
}
