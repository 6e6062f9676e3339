using Regurgitate.IO;
using Regurgitate.Metrics.Significance;
using Spectre.Console;

namespace Regurgitate.Metrics;

/// <summary>
/// A sacreBLEU 2.6.0 scoring run and its printout: corpus scores of one system (sacreBLEU's aligned
/// lines) or several (a table), sentence-level scores, paired tests, as text or JSON. `regurg score`
/// only parses its options into <see cref="ScoreReportOptions"/> and calls <see cref="Write"/>.
/// </summary>
public static class ScoreReport
{
    /// <summary>Reads the files of <paramref name="request"/>, scores them and writes the report to <paramref name="output"/>.</summary>
    public static void Write(ScoreReportOptions request, TextWriter output)
    {
        var metrics = request.Metrics();
        request.Validated();
        var references = request.References.Select(SegmentFile.Read).ToArray();
        var systems = request.Hypotheses.Select(SegmentFile.Read).ToArray();
        CheckLengths(request, references, systems);

        // Statistics per metric and system: computed once, then scored, resampled or printed.
        var statistics = metrics.Select(metric => systems.Select(hyps => metric.Statistics(hyps, references)).ToArray()).ToArray();

        if (request.SentenceLevel) WriteSentenceLevel(request, metrics, statistics, output);
        else if (request.PairedBs || request.PairedAr) WritePaired(request, metrics, statistics, output);
        else WriteCorpus(request, metrics, statistics, output);
    }

    static void CheckLengths(ScoreReportOptions request, string[][] references, string[][] systems)
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

    static void WriteCorpus(ScoreReportOptions request, TranslationMetric[] metrics, SufficientStatistics[][] statistics, TextWriter output)
    {
        int systems = request.Hypotheses.Count;
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
            ScoreJson.WriteArray(output, writer =>
            {
                for (int s = 0; s < systems; s++)
                    for (int m = 0; m < metrics.Length; m++)
                        ScoreJson.WriteScore(writer, scores[m, s].Score, request.Width, request.Hypotheses[s], scores[m, s].Confidence, null, null);
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

    /// <summary>This toolkit's version, printed beside the signatures.</summary>
    public static string RegurgitateVersion => typeof(ScoreReport).Assembly.GetName().Version?.ToString(3) ?? "?";

    // ---- sentence level ----

    static void WriteSentenceLevel(ScoreReportOptions request, TranslationMetric[] metrics, SufficientStatistics[][] statistics, TextWriter output)
    {
        var perMetric = statistics.Select(s => s[0].SegmentScores()).ToArray();
        int segments = statistics[0][0].Segments;
        if (request.Format == "json")
        {
            ScoreJson.WriteArray(output, writer =>
            {
                for (int line = 0; line < segments; line++)
                    for (int m = 0; m < metrics.Length; m++)
                        ScoreJson.WriteScore(writer, perMetric[m][line], request.Width, request.Hypotheses[0], null, null, line + 1);
            });
            return;
        }
        for (int line = 0; line < segments; line++)
            for (int m = 0; m < metrics.Length; m++)
                output.WriteLine(perMetric[m][line].Format(request.Width));
    }

    // ---- paired tests ----

    static void WritePaired(ScoreReportOptions request, TranslationMetric[] metrics, SufficientStatistics[][] statistics, TextWriter output)
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
            ScoreJson.WriteArray(output, writer =>
            {
                for (int s = 0; s < names.Length; s++)
                    for (int m = 0; m < metrics.Length; m++)
                    {
                        var r = results[m][s];
                        ScoreJson.WriteScore(writer, r.Score, request.Width, request.Hypotheses[s], r.Confidence, r.PValue, null, baseline: s == 0);
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
}
