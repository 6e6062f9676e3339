using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.IO;
using Regurgitate.Metrics;
using Regurgitate.Metrics.Significance;
using Regurgitate.Metrics.Tokenizers;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// `regurg score`: BLEU, chrF, chrF++ and TER of one or more system outputs against one or more
/// references, with sacreBLEU 2.6.0's definitions, signatures and output formats; paired
/// significance tests (bootstrap, approximate randomization) and bootstrap confidence intervals.
/// </summary>
internal static class ScoreCommand
{
    static readonly string[] MetricNames = ["bleu", "chrf", "chrf++", "ter"];

    public static Command Create()
    {
        var refs = new Option<string[]>("--ref", "-r") { Description = "Reference file (repeat for several references; .gz read as gzip).", Required = true, Arity = ArgumentArity.OneOrMore };
        var hyps = new Option<string[]>("--hyp", "-i") { Description = "System output (repeat for several systems; the first is the baseline of paired tests).", Required = true, Arity = ArgumentArity.OneOrMore };
        var metrics = new Option<string>("--metrics", "-m") { Description = "Comma-separated metrics: bleu, chrf, chrf++, ter.", DefaultValueFactory = _ => "bleu" };
        var tokenize = new Option<string>("--tokenize", "-tok") { Description = "BLEU tokenizer: 13a, intl, none, char.", DefaultValueFactory = _ => "13a" };
        var lowercase = new Option<bool>("--lowercase", "-lc") { Description = "Case-insensitive BLEU and chrF." };
        var smoothMethod = new Option<string>("--smooth-method", "-s") { Description = "BLEU smoothing: exp, floor, add-k, none.", DefaultValueFactory = _ => "exp" };
        var smoothValue = new Option<double?>("--smooth-value", "-sv") { Description = "Value for floor (default 0.1) and add-k (default 1)." };
        var caseSensitive = new Option<bool>("--case-sensitive") { Description = "Case-sensitive TER (TER lowercases by default)." };
        var terNormalized = new Option<bool>("--ter-normalized") { Description = "TER: mteval-style normalization and tokenization." };
        var terNoPunct = new Option<bool>("--ter-no-punct") { Description = "TER: remove punctuation." };
        var terAsian = new Option<bool>("--ter-asian-support") { Description = "TER: split CJK characters (with normalization or punctuation removal)." };
        var width = new Option<int>("--width", "-w") { Description = "Decimals of printed scores.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format", "-f") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        var sentenceLevel = new Option<bool>("--sentence-level", "-sl") { Description = "Score every segment (sentence BLEU uses effective order)." };
        var pairedBs = new Option<bool>("--paired-bs") { Description = "Paired bootstrap resampling test against the first --hyp." };
        var pairedAr = new Option<bool>("--paired-ar") { Description = "Paired approximate randomization test against the first --hyp." };
        var pairedBsN = new Option<int>("--paired-bs-n") { Description = "Bootstrap resamples of the paired test.", DefaultValueFactory = _ => PairedBootstrap.DefaultSamples };
        var pairedArN = new Option<int>("--paired-ar-n") { Description = "Approximate randomization trials.", DefaultValueFactory = _ => ApproximateRandomization.DefaultTrials };
        var confidence = new Option<bool>("--confidence", "-ci") { Description = "95% bootstrap confidence interval (single system)." };
        var confidenceN = new Option<int>("--confidence-n") { Description = "Bootstrap resamples of the confidence interval.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<ulong>("--seed") { Description = "Seed of NumPy's PCG64 generator, as sacreBLEU's SACREBLEU_SEED.", DefaultValueFactory = _ => ConfidenceEstimate.DefaultSeed };
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file (atomically) instead of standard output." };

        var command = new Command("score", "Score system outputs with BLEU, chrF, chrF++ and TER exactly as sacreBLEU 2.6.0 does, with significance tests.");
        foreach (var option in new Option[] { refs, hyps, metrics, tokenize, lowercase, smoothMethod, smoothValue, caseSensitive, terNormalized, terNoPunct, terAsian,
                     width, format, sentenceLevel, pairedBs, pairedAr, pairedBsN, pairedArN, confidence, confidenceN, seed, output })
            command.Options.Add(option);

        command.SetAction(parse =>
        {
            var request = new Request(
                parse.GetValue(refs)!, parse.GetValue(hyps)!, parse.GetValue(metrics)!, parse.GetValue(tokenize)!, parse.GetValue(lowercase),
                parse.GetValue(smoothMethod)!, parse.GetValue(smoothValue), parse.GetValue(caseSensitive), parse.GetValue(terNormalized),
                parse.GetValue(terNoPunct), parse.GetValue(terAsian), parse.GetValue(width), parse.GetValue(format)!, parse.GetValue(sentenceLevel),
                parse.GetValue(pairedBs), parse.GetValue(pairedAr), parse.GetValue(pairedBsN), parse.GetValue(pairedArN),
                parse.GetValue(confidence), parse.GetValue(confidenceN), parse.GetValue(seed));
            string? outputPath = parse.GetValue(output);
            OutputFiles.Check((outputPath, "--output"));
            if (outputPath == null)
            {
                Run(request, parse.InvocationConfiguration.Output);
                return 0;
            }
            var text = new StringWriter();
            Run(request, text);
            AtomicFile.WriteAllText(outputPath, text.ToString());
            return 0;
        });
        return command;
    }

    internal sealed record Request(
        string[] References, string[] Hypotheses, string Metrics, string Tokenize, bool Lowercase, string SmoothMethod, double? SmoothValue,
        bool CaseSensitive, bool TerNormalized, bool TerNoPunct, bool TerAsian, int Width, string Format, bool SentenceLevel,
        bool PairedBs, bool PairedAr, int PairedBsN, int PairedArN, bool Confidence, int ConfidenceN, ulong Seed);

    internal static void Run(Request request, TextWriter output)
    {
        var metrics = CreateMetrics(request);
        Validate(request);
        var references = request.References.Select(SegmentFile.Read).ToArray();
        var systems = request.Hypotheses.Select(SegmentFile.Read).ToArray();
        CheckLengths(request, references, systems);

        // Statistics per metric and system: computed once, then scored, resampled or printed.
        var statistics = metrics.Select(metric => systems.Select(hyps => metric.Statistics(hyps, references)).ToArray()).ToArray();

        if (request.SentenceLevel) WriteSentenceLevel(request, metrics, statistics, output);
        else if (request.PairedBs || request.PairedAr) WritePaired(request, metrics, statistics, output);
        else WriteCorpus(request, metrics, statistics, output);
    }

    static TranslationMetric[] CreateMetrics(Request request)
    {
        if (!Tokenizer.Names.Contains(request.Tokenize))
            throw new InputException($"unknown tokenizer '{request.Tokenize}'", hint: $"use one of {string.Join(", ", Tokenizer.Names)}");
        if (!BleuSmoothingNames.TryParse(request.SmoothMethod, out var smoothing))
            throw new InputException($"unknown smoothing method '{request.SmoothMethod}'", hint: $"use one of {string.Join(", ", BleuSmoothingNames.All)}");
        var names = request.Metrics.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0) throw new InputException("no metric given", hint: "--metrics bleu,chrf,chrf++,ter");
        var metrics = new List<TranslationMetric>();
        foreach (var name in names)
        {
            bool sentence = request.SentenceLevel;
            metrics.Add(name.ToLowerInvariant() switch
            {
                "bleu" => new Bleu(new BleuOptions
                {
                    Tokenize = request.Tokenize, Lowercase = request.Lowercase, Smoothing = smoothing, SmoothValue = request.SmoothValue,
                    // sacreBLEU >= 2.0 turns effective order on for sentence-level BLEU.
                    EffectiveOrder = sentence,
                }),
                "chrf" => new Chrf(new ChrfOptions { Lowercase = request.Lowercase }),
                "chrf++" => new Chrf(new ChrfOptions { WordOrder = 2, Lowercase = request.Lowercase }),
                "ter" => new Ter(new TerOptions
                {
                    CaseSensitive = request.CaseSensitive, Normalized = request.TerNormalized, NoPunct = request.TerNoPunct, AsianSupport = request.TerAsian,
                }),
                _ => throw new InputException($"unknown metric '{name}'", hint: $"use {string.Join(", ", MetricNames)}"),
            });
        }
        return [.. metrics];
    }

    static void Validate(Request request)
    {
        if (request.Format is not ("text" or "json")) throw new InputException($"unknown format '{request.Format}'", hint: "use text or json");
        if (request.Width is < 0 or > 10) throw new InputException($"--width {request.Width} is out of range", hint: "use 0 to 10");
        if (request.PairedBs && request.PairedAr) throw new InputException("--paired-bs and --paired-ar exclude each other", hint: "run them one at a time");
        bool paired = request.PairedBs || request.PairedAr;
        if (paired && request.Hypotheses.Length < 2)
            throw new InputException("paired tests need at least two --hyp files", hint: "the first --hyp is the baseline");
        if (request.Confidence && request.Hypotheses.Length > 1)
            throw new InputException("--confidence is for a single system", hint: "use --paired-bs to get intervals for several systems");
        if (request.SentenceLevel && (request.Hypotheses.Length > 1 || paired || request.Confidence))
            throw new InputException("--sentence-level takes one --hyp and no statistical test");
        if (request.PairedBsN < 1 || request.PairedArN < 1 || request.ConfidenceN < 1)
            throw new InputException("the number of resamples or trials must be at least 1");
        var duplicate = request.Hypotheses.GroupBy(h => h).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null) throw new InputException("the same --hyp file is given twice", duplicate.Key, hint: "give each system once");
    }

    static void CheckLengths(Request request, string[][] references, string[][] systems)
    {
        int expected = references[0].Length;
        for (int r = 1; r < references.Length; r++)
            if (references[r].Length != expected)
                throw new InputException($"has {references[r].Length} lines but {request.References[0]} has {expected}", request.References[r],
                    hint: "references must be line-aligned");
        for (int s = 0; s < systems.Length; s++)
            if (systems[s].Length != expected)
                throw new InputException($"has {systems[s].Length} lines but the reference {request.References[0]} has {expected}", request.Hypotheses[s],
                    hint: "system output and references must be line-aligned");
        if (expected == 0) throw new InputException("the reference is empty", request.References[0]);
        for (int line = 0; line < expected; line++)
            if (references.All(r => r[line].Length == 0))
                throw new InputException("empty reference segment", request.References[0], line + 1,
                    "every segment needs a non-empty reference (sacreBLEU refuses them too)");
    }

    static string Fixed(double value, int width) => PythonFormat.Fixed(value, width);

    // ---- corpus scores (one or several systems) ----

    static void WriteCorpus(Request request, TranslationMetric[] metrics, SufficientStatistics[][] statistics, TextWriter output)
    {
        int systems = request.Hypotheses.Length;
        var scores = new (MetricScore Score, ConfidenceInterval? Confidence)[metrics.Length, systems];
        for (int m = 0; m < metrics.Length; m++)
            for (int s = 0; s < systems; s++)
            {
                var stats = statistics[m][s];
                var score = stats.Score();
                ConfidenceInterval? ci = null;
                if (request.Confidence)
                {
                    ci = ConfidenceEstimate.Estimate(stats, request.ConfidenceN, request.Seed);
                    score = score with { Signature = ConfidenceEstimate.SignatureWith(score.Signature, request.ConfidenceN, request.Seed) };
                }
                scores[m, s] = (score, ci);
            }

        if (request.Format == "json")
        {
            WriteJson(output, writer =>
            {
                for (int s = 0; s < systems; s++)
                    for (int m = 0; m < metrics.Length; m++)
                        WriteScoreObject(writer, scores[m, s].Score, request.Width, request.Hypotheses[s], scores[m, s].Confidence, null, null);
            });
            return;
        }

        if (systems == 1)
        {
            // sacreBLEU's single-system text: one line per metric, aligned on " = ".
            var lines = Enumerable.Range(0, metrics.Length).Select(m => scores[m, 0].Score.Format(request.Width, true, scores[m, 0].Confidence)).ToList();
            int align = lines.Max(l => l.IndexOf(" = ", StringComparison.Ordinal));
            foreach (var line in lines)
            {
                int at = line.IndexOf(" = ", StringComparison.Ordinal);
                output.WriteLine(line[..at].PadLeft(align) + line[at..]);
            }
            return;
        }

        var console = Terminal.AnsiConsoleFor(output);
        var table = new Table().AddColumn(new TableColumn("System").RightAligned());
        foreach (var metric in metrics) table.AddColumn(new TableColumn(Markup.Escape(metric.Name)).Centered());
        for (int s = 0; s < systems; s++)
            table.AddRow([Markup.Escape(request.Hypotheses[s]), .. Enumerable.Range(0, metrics.Length).Select(m => Fixed(scores[m, s].Score.Score, request.Width))]);
        console.Write(table);
        WriteSignatures(output, metrics.Select((metric, m) => (metric.Name, scores[m, 0].Score.Signature)));
    }

    static void WriteSignatures(TextWriter output, IEnumerable<(string Name, Signature Signature)> signatures)
    {
        output.WriteLine();
        output.WriteLine("-----------------");
        output.WriteLine("Metric signatures");
        output.WriteLine("-----------------");
        foreach (var (name, signature) in signatures) output.WriteLine($" - {name,-10} {signature}");
        output.WriteLine($" (regurgitate {RegurgitateVersion}; signatures name the sacreBLEU version whose definitions are matched)");
    }

    static string RegurgitateVersion => typeof(ScoreCommand).Assembly.GetName().Version?.ToString(3) ?? "?";

    // ---- sentence level ----

    static void WriteSentenceLevel(Request request, TranslationMetric[] metrics, SufficientStatistics[][] statistics, TextWriter output)
    {
        var perMetric = statistics.Select(s => s[0].SegmentScores()).ToArray();
        int segments = statistics[0][0].Segments;
        if (request.Format == "json")
        {
            WriteJson(output, writer =>
            {
                for (int line = 0; line < segments; line++)
                    for (int m = 0; m < metrics.Length; m++)
                        WriteScoreObject(writer, perMetric[m][line], request.Width, request.Hypotheses[0], null, null, line + 1);
            });
            return;
        }
        for (int line = 0; line < segments; line++)
            for (int m = 0; m < metrics.Length; m++)
                output.WriteLine(perMetric[m][line].Format(request.Width));
    }

    // ---- paired tests ----

    static void WritePaired(Request request, TranslationMetric[] metrics, SufficientStatistics[][] statistics, TextWriter output)
    {
        var results = new IReadOnlyList<PairedTestResult>[metrics.Length];
        for (int m = 0; m < metrics.Length; m++)
        {
            var baseline = statistics[m][0];
            var others = statistics[m][1..];
            results[m] = request.PairedBs
                ? PairedBootstrap.Run(baseline, others, request.PairedBsN, request.Seed)
                : ApproximateRandomization.Run(baseline, others, request.PairedArN, request.Seed);
        }
        var names = request.Hypotheses.Select((h, i) => i == 0 ? $"Baseline: {h}" : h).ToArray();

        if (request.Format == "json")
        {
            WriteJson(output, writer =>
            {
                for (int s = 0; s < names.Length; s++)
                    for (int m = 0; m < metrics.Length; m++)
                    {
                        var r = results[m][s];
                        WriteScoreObject(writer, r.Score, request.Width, request.Hypotheses[s], r.Confidence, r.PValue, null, baseline: s == 0);
                    }
            });
            return;
        }

        var console = Terminal.AnsiConsoleFor(output);
        var table = new Table().AddColumn(new TableColumn("System").RightAligned());
        foreach (var metric in metrics)
            table.AddColumn(new TableColumn(Markup.Escape(request.PairedBs ? $"{metric.Name} (μ ± 95% CI)" : metric.Name)).Centered());
        for (int s = 0; s < names.Length; s++)
        {
            var cells = new List<string> { Markup.Escape(names[s]) };
            for (int m = 0; m < metrics.Length; m++)
            {
                var r = results[m][s];
                var cell = Fixed(r.Score.Score, request.Width);
                if (r.Confidence is { } ci) cell += $" ({Fixed(ci.Mean, request.Width)} ± {Fixed(ci.HalfWidth, request.Width)})";
                if (r.PValue is double p) cell += $"\n(p = {Fixed(p, 4)})" + (p <= 0.05 ? "*" : "");
                cells.Add(Markup.Escape(cell));
            }
            table.AddRow(cells.ToArray());
        }
        console.Write(table);

        string message = request.PairedBs
            ? $"Paired bootstrap resampling test with {request.PairedBsN} resampling trials"
            : $"Paired approximate randomization test with {request.PairedArN} trials";
        output.WriteLine();
        output.WriteLine(new string('-', message.Length));
        output.WriteLine(message);
        output.WriteLine(new string('-', message.Length));
        output.WriteLine($" - Each system is pairwise compared to {names[0]}.");
        output.WriteLine(request.PairedBs
            ? "   Actual system score / bootstrap estimated true mean / 95% CI are provided for each metric."
            : "   Actual system score is provided for each metric.");
        output.WriteLine();
        output.WriteLine(" - Null hypothesis: the system and the baseline translations are essentially");
        output.WriteLine("   generated by the same underlying process. For a given system and the baseline,");
        output.WriteLine("   the p-value is roughly the probability of the absolute score difference (delta)");
        output.WriteLine("   or higher occurring due to chance, under the assumption that the null hypothesis is correct.");
        output.WriteLine();
        output.WriteLine(" - Assuming a significance threshold of 0.05, the null hypothesis can be rejected");
        output.WriteLine("   for p-values <= 0.05 (marked with \"*\"): the delta is unlikely to be due to chance.");
        output.WriteLine("   Significance does not say whether a system is better than the baseline, only different.");
        WriteSignatures(output, metrics.Select((metric, m) => (metric.Name, results[m][0].Score.Signature)));
    }

    // ---- JSON in the shape of `sacrebleu -f json` ----

    static void WriteJson(TextWriter output, Action<Utf8JsonWriter> writeItems)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions
        {
            Indented = true, IndentSize = 1, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }
        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    static void WriteNumber(Utf8JsonWriter writer, string name, double value, int width)
    {
        // sacreBLEU prints float(f"{score:.{width}f}"): a rounded number that always has a decimal point.
        string text = Fixed(value, width);
        if (!text.Contains('.')) text += ".0";
        writer.WritePropertyName(name);
        writer.WriteRawValue(text);
    }

    static void WriteScoreObject(Utf8JsonWriter writer, MetricScore score, int width, string system, ConfidenceInterval? confidence,
        double? pValue, int? line, bool baseline = false)
    {
        writer.WriteStartObject();
        writer.WriteString("name", score.Name);
        WriteNumber(writer, "score", score.Score, width);
        writer.WriteString("signature", score.Signature.ToString());
        if (confidence is { } ci)
        {
            WriteNumber(writer, "confidence_mean", ci.Mean, width);
            WriteNumber(writer, "confidence_var", ci.HalfWidth, width);
            writer.WriteString("confidence", $"μ = {Fixed(ci.Mean, width)} ± {Fixed(ci.HalfWidth, width)}");
        }
        if (score.Verbose.Length > 0) writer.WriteString("verbose_score", score.Verbose);
        foreach (var (key, value) in score.Signature.Entries()) writer.WriteString(key, value);
        if (score is BleuScore bleu)
        {
            writer.WriteStartArray("counts");
            foreach (var c in bleu.Counts) writer.WriteNumberValue(c);
            writer.WriteEndArray();
            writer.WriteStartArray("totals");
            foreach (var t in bleu.Totals) writer.WriteNumberValue(t);
            writer.WriteEndArray();
            writer.WriteStartArray("precisions");
            foreach (var p in bleu.Precisions) writer.WriteNumberValue(p);
            writer.WriteEndArray();
            writer.WriteNumber("bp", bleu.BrevityPenalty);
            writer.WriteNumber("ratio", bleu.Ratio);
            writer.WriteNumber("hyp_len", bleu.HypothesisLength);
            writer.WriteNumber("ref_len", bleu.ReferenceLength);
        }
        if (pValue is double p2) writer.WriteNumber("p_value", p2);
        if (baseline) writer.WriteBoolean("baseline", true);
        writer.WriteString("system", system);
        if (line is int l) writer.WriteNumber("line", l);
        writer.WriteString("regurgitate_version", RegurgitateVersion);
        writer.WriteEndObject();
    }
}
