using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Regurgitate.Corpora.Formats;
using Regurgitate.IO;
using Regurgitate.Decoding;
using Regurgitate.Runtime;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg translate`: translate lines with a trained checkpoint (greedy, beam or sampling), optionally with scores and n-best lists.</summary>
internal static class TranslateCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string>("--checkpoint", "-c") { Description = "run directory (its best checkpoint) or a checkpoint directory", Required = true };
        var input = new Option<string?>("--input", "-i") { Description = "source text, one sentence per line (.gz ok); standard input if omitted" };
        var output = OutOption.Optional("where to write translations (written atomically); standard output if omitted", formerSpelling: "--output");
        var settings = new SettingOptions<DecodingOptions>(DecodingOptions.Defaults);
        var greedy = new Option<bool>("--greedy") { Description = "greedy decoding instead of beam search" };
        var sample = new Option<bool>("--sample") { Description = "sample instead of searching (see --temperature, --top-k, --top-p, --seed)" };
        var scores = new Option<string?>("--scores") { Description = "also write per-sentence log-probabilities (and n-best lists) as JSONL" };
        var threads = ComputeOptions.Threads();
        var device = ComputeOptions.Device();
        var precision = PrecisionOption.Create("decoding");

        var command = new Command("translate", "Translate text with a trained model.");
        Option[] offered = [checkpoint, input, output, greedy, sample, .. settings.All, scores, threads, device, precision];
        foreach (var option in offered)
            command.Options.Add(option);

        command.SetAction(parse =>
        {
            if (parse.GetValue(greedy) && parse.GetValue(sample)) throw new InputException("--greedy and --sample exclude each other");
            TorchRuntime.SetThreads(parse.GetValue(threads));
            var strategy = parse.GetValue(sample) ? DecodingStrategy.Sample : parse.GetValue(greedy) ? DecodingStrategy.Greedy : DecodingStrategy.Beam;
            var options = (settings.Bind(parse) with { Strategy = strategy }).Validated();

            OutputFiles.Check((parse.GetValue(output), "--output"), (parse.GetValue(scores), "--scores"));
            string? inputPath = parse.GetValue(input);
            if (inputPath != null) TextLines.CheckReadable(inputPath);
            // The checkpoint is loaded before standard input is read, so a wrong --checkpoint is said at once instead of
            // after the user has typed (or piped) the text.
            using var translator = Translator.Load(parse.GetValue(checkpoint)!, parse.GetValue(device)!);
            translator.Model.Precision.Precision = PrecisionOption.Parse(parse.GetValue(precision)!);
            var lines = (inputPath != null ? TextLines.Read(inputPath) : TextLines.Read(Console.OpenStandardInput, "<stdin>")).Select(l => l.Text).ToList();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var translations = translator.Translate(lines, options);
            double seconds = clock.Elapsed.TotalSeconds;
            // Decoding speed goes to standard error, where it cannot mix with translations on standard output.
            parse.InvocationConfiguration.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"translated {lines.Count} sentences in {seconds:F1} s ({lines.Count / Math.Max(seconds, 1e-9):F1} sentences/s)"));

            var text = new List<string>();
            for (int i = 0; i < translations.Count; i++)
            {
                var t = translations[i];
                if (options.NBest == 1) text.Add(t.Text);
                else
                    for (int h = 0; h < (t.NBest?.Count ?? 1); h++)
                        text.Add(string.Create(CultureInfo.InvariantCulture, $"{i} ||| {t.NBest?[h] ?? t.Text} ||| {t.NBestLogProbabilities?[h] ?? t.LogProbability:F4}"));
            }
            string? outputPath = parse.GetValue(output);
            if (outputPath != null) AtomicFile.WriteAllLines(outputPath, text);
            else
            {
                var o = parse.InvocationConfiguration.Output;
                foreach (var line in text) o.WriteLine(line);
            }
            string? scoresPath = parse.GetValue(scores);
            if (scoresPath != null)
                AtomicFile.WriteAllLines(scoresPath, translations.Select((t, i) => JsonSerializer.Serialize(new
                {
                    line = i + 1,
                    text = t.Text,
                    logprob = t.LogProbability,
                    tokens = t.TokenCount,
                    nbest = t.NBest?.Select((s, h) => new { text = s, logprob = t.NBestLogProbabilities![h] }),
                })));
            return 0;
        });
        return command;
    }
}
