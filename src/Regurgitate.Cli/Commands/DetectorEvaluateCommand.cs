using System.CommandLine;
using System.Text.Json;
using Regurgitate.Detection;
using Regurgitate.IO;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg detector evaluate`: AUC, accuracy and calibration on held-out labelled texts, and per system out of domain.</summary>
internal static class DetectorEvaluateCommand
{
    public static Command Create()
    {
        var model = DetectorCommand.ModelOption();
        var human = new Option<string[]>("--human") { Description = "held-out human targets (text or JSONL; repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var machine = new Option<string[]>("--machine") { Description = "held-out machine targets (text or JSONL; repeatable)", Arity = ArgumentArity.ZeroOrMore, AllowMultipleArgumentsPerToken = true };
        var systems = new Option<string?>("--systems")
        {
            Description = "out of domain: a folder of MT outputs and their reference.* (e.g. <data-dir>/wmt17-newstest-en-de-systems): AUC of each system vs the reference",
        };
        var lines = new Option<string?>("--lines")
        {
            Description = "with --systems: evaluate only lines FIRST:LAST (1-based, inclusive), e.g. the lines a detector trained on WMT17 did not see",
        };
        var format = DetectorCommand.FormatOption();
        var command = new Command("evaluate",
            "Evaluate a detector: ROC AUC, accuracy at 0.5 and calibration (ECE over 10 bins, reliability table) on held-out labelled texts " +
            "(--human with --machine), and/or per-system AUC on a folder of MT outputs vs their human reference (--systems).");
        foreach (var option in new Option[] { model, human, machine, systems, lines, format }) command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            var humanPaths = parse.GetValue(human) ?? [];
            var machinePaths = parse.GetValue(machine) ?? [];
            string? systemsFolder = parse.GetValue(systems);
            if ((humanPaths.Length == 0) != (machinePaths.Length == 0))
                throw new InputException("held-out evaluation needs both --human and --machine files");
            if (humanPaths.Length == 0 && systemsFolder == null)
                throw new InputException("nothing to evaluate on", hint: "give --human and --machine held-out files, or --systems FOLDER");
            if (systemsFolder != null) PerSystemEvaluation.Files(systemsFolder);
            var segments = LineRange(parse.GetValue(lines));
            using var detector = MachineTextDetector.Load(parse.GetValue(model)!);

            DetectorMetrics? heldOut = null;
            if (humanPaths.Length > 0)
            {
                var humanTexts = DetectorCorpus.ReadTexts(humanPaths);
                var machineTexts = DetectorCorpus.ReadTexts(machinePaths);
                heldOut = DetectorEvaluation.Evaluate(LabelledScores.Of(detector.ProbabilityHuman(humanTexts), detector.ProbabilityHuman(machineTexts)));
            }
            cancellationToken.ThrowIfCancellationRequested();
            var perSystem = systemsFolder == null ? null : PerSystemEvaluation.Evaluate(detector, systemsFolder, segments);

            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json")
            {
                writer.WriteLine(JsonSerializer.Serialize(new
                {
                    Model = parse.GetValue(model),
                    detector.Manifest.Kind,
                    HeldOut = heldOut,
                    Lines = parse.GetValue(lines),
                    Systems = perSystem,
                    MeanSystemAuc = perSystem?.Average(s => s.Metrics.RocAuc),
                }, DetectorManifest.Json));
                return Task.FromResult(0);
            }
            var console = Terminal.AnsiConsoleFor(writer, wide: true);
            console.WriteLine(Markup.Escape($"{detector.Manifest.Kind} detector {parse.GetValue(model)}"));
            if (heldOut != null) DetectorReportWriter.WriteMetrics(console, "held out", heldOut);
            if (perSystem != null) DetectorReportWriter.WriteSystems(console, perSystem);
            return Task.FromResult(0);
        });
        return command;
    }

    /// <summary>0-based line indices of "FIRST:LAST" (1-based, inclusive), or null for all lines.</summary>
    static List<int>? LineRange(string? range)
    {
        if (range == null) return null;
        var parts = range.Split(':');
        if (parts.Length == 2 && int.TryParse(parts[0], out int first) && int.TryParse(parts[1], out int last) && first >= 1 && last >= first)
            return [.. Enumerable.Range(first - 1, last - first + 1)];
        throw new InputException($"--lines '{range}' is not FIRST:LAST", hint: "1-based and inclusive, e.g. --lines 2001:3004");
    }
}
