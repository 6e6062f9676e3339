using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Regurgitate.Detection;
using Regurgitate.IO;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg detector rank`: P(human) for every pair of a corpus, as JSONL for ranked inclusion.</summary>
internal static class DetectorRankCommand
{
    public static Command Create()
    {
        var model = DetectorCommand.ModelOption();
        var corpus = new Option<string>("--corpus") { Description = "targets to score: text, one per line (.gz ok), or `regurg generate` JSONL", Required = true };
        var output = new Option<string>("--out", "-o") { Description = "JSONL to write (atomically): {\"id\", \"p_human\"} per pair, in corpus order", Required = true };
        var command = new Command("rank",
            "Score every pair of a corpus with P(human) (JSONL in corpus order; ids are line numbers for text files). " +
            "Ranked inclusion takes the n pairs with the highest P(human).");
        foreach (var option in new Option[] { model, corpus, output }) command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            string outPath = parse.GetValue(output)!;
            OutputFiles.Check((outPath, "--out"));
            var segments = DetectorCorpus.Read(parse.GetValue(corpus)!);
            using var detector = MachineTextDetector.Load(parse.GetValue(model)!);
            var clock = Stopwatch.StartNew();
            var scores = detector.ProbabilityHuman([.. segments.Select(s => s.Text)]);
            double seconds = clock.Elapsed.TotalSeconds;
            DetectorScoresJsonl.Write(outPath, segments, scores);
            parse.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{segments.Count} pairs scored in {seconds:0.0} s ({segments.Count / Math.Max(seconds, 1e-9):0} lines/s); mean P(human) {scores.Average():0.000} → {outPath}"));
            return Task.FromResult(0);
        });
        return command;
    }
}
