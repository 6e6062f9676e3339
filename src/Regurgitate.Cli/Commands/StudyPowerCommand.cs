using System.CommandLine;
using System.Globalization;
using Regurgitate.Reports;
using Regurgitate.RunDirectories;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study power RUN`: the seeds each comparison of a finished run needs, from the run's own variance.</summary>
internal static class StudyPowerCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run") { Description = "run directory of a finished (or partly finished) study, e.g. runs/demo" };
        var effect = new Option<double?>("--effect") { Description = "difference to detect, in BLEU points (default: the spec's analysis.equivalence_margin, 1.0)" };
        var alpha = new Option<double?>("--alpha") { Description = "family-wise level, two-sided (default: the spec's analysis.alpha, 0.05)" };
        var power = new Option<double?>("--power") { Description = "probability of detecting the effect (default: the spec's analysis.power, 0.8)" };
        var command = new Command("power", "Seeds per condition each comparison of a run needs to detect an effect, from the run's own seed and test-sentence variance.");
        command.Arguments.Add(run);
        command.Options.Add(effect);
        command.Options.Add(alpha);
        command.Options.Add(power);
        command.SetAction(parse =>
        {
            string directory = parse.GetValue(run)!;
            if (!File.Exists(new RunLayout(directory).Results))
                throw new InputException("is not a study run directory (no results.jsonl)", directory, hint: "give the folder `regurg study run` wrote, e.g. runs/demo");
            if (parse.GetValue(effect) is double e && !(e > 0)) throw new InputException($"--effect must be above 0, not {e.ToString(CultureInfo.InvariantCulture)}");
            if (parse.GetValue(alpha) is double a && a is not (> 0 and < 0.5)) throw new InputException($"--alpha must be in (0, 0.5), not {a.ToString(CultureInfo.InvariantCulture)}");
            if (parse.GetValue(power) is double p && p is not (> 0 and < 1)) throw new InputException($"--power must be in (0, 1), not {p.ToString(CultureInfo.InvariantCulture)}");
            var result = StudyPower.Of(StudyAnalysis.Of(directory), parse.GetValue(effect), parse.GetValue(alpha), parse.GetValue(power));
            foreach (string line in Describe(result)) parse.InvocationConfiguration.Output.WriteLine(line);
            return 0;
        });
        return command;
    }

    static string F(double value, int digits) => double.IsNaN(value) ? "n/a" : value.ToString("F" + digits, CultureInfo.InvariantCulture);

    internal static IEnumerable<string> Describe(StudyPower result)
    {
        yield return $"seeds per condition to detect a difference of {F(result.Effect, 2)} BLEU, two-sided, family-wise alpha {F(result.Alpha, 3)} (Holm's first step: alpha / family size), power {F(result.Power, 2)}";
        if (result.Pool is { } pool)
            yield return pool.Supported
                ? $"seed SD {F(Math.Sqrt(pool.Variance), 2)} BLEU pooled over {pool.Cells} cells ({F(pool.DegreesOfFreedom, 0)} df; {pool.Reason})"
                : $"seed variance not pooled: {pool.Reason}";
        if (result.Rows.Count == 0)
        {
            yield return "no comparison: the run has no finished human cell with a finished cell of another condition at the same size (or no translations)";
            yield break;
        }
        int width = result.Rows.Max(r => r.Comparison.Length);
        yield return "";
        yield return $"{"family",-13} {"comparison".PadRight(width)} {"diff",7} {"seeds",7} {"seed SD",8} {"sent. SD",8} {"needed",7}";
        foreach (var r in result.Rows)
            yield return $"{r.Family,-13} {r.Comparison.PadRight(width)} {F(r.Difference, 2),7} {$"{r.SeedsA}/{r.SeedsB}",7} {F(r.SeedDeviation, 2),8} {F(r.SentenceDeviation, 2),8} " +
                $"{(r.SeedsNeeded is int k ? k.ToString(CultureInfo.InvariantCulture) : double.IsNaN(r.SeedDeviation) ? "no SD" : "> 200"),7}";
        yield return "";
        yield return "seed SD: one seed's corpus BLEU; sent. SD: the difference's test-sentence part, which more seeds do not reduce (\"> 200\": more test sentences are needed, not seeds; \"no SD\": one seed and no pool).";
        var needed = result.Rows.Where(r => r.SeedsNeeded is not null).Select(r => r.SeedsNeeded!.Value).ToList();
        if (needed.Count > 0)
            yield return $"every comparison that seeds can decide: {needed.Max()} seeds per condition; the median comparison: {Quantile(needed)}";
    }

    static int Quantile(List<int> values)
    {
        values.Sort();
        return values[(values.Count - 1) / 2];
    }
}
