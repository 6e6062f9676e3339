using System.CommandLine;
using Regurgitate.Reports;
using Regurgitate.RunDirectories;
using Regurgitate.Studies;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg study plan SPEC`: the cells, what is cached, an estimated time; runs nothing.</summary>
internal static class StudyPlanCommand
{
    public static Command Create()
    {
        var spec = new Argument<string>("spec") { Description = "study spec (YAML)" };
        var output = StudyCommand.OutOption();
        var command = new Command("plan", "Show a study's cells, what its run directory already has cached, and a rough time estimate; runs nothing.");
        command.Arguments.Add(spec);
        command.Options.Add(output);
        CorpusArguments.AddSharedOptions(command);
        command.SetAction(parse =>
        {
            var plan = StudyCommand.Plan(parse, parse.GetValue(spec)!);
            string run = StudyCommand.RunDirectoryOf(plan.Spec, parse.GetValue(output));
            foreach (var line in PlanSummary.Describe(plan, run, GeneratorReadiness.Check(plan, run)))
                parse.InvocationConfiguration.Output.WriteLine(line);
            foreach (var line in ExpectedPrecision(plan, run)) parse.InvocationConfiguration.Output.WriteLine(line);
            return 0;
        });
        return command;
    }

    /// <summary>
    /// With finished cells of this study in its run directory, the 95% half-width a gap to human is expected to have with the
    /// spec's seeds (and with more), from that run's own seed and test-sentence variance.
    /// </summary>
    internal static IEnumerable<string> ExpectedPrecision(StudyPlan plan, string run)
    {
        var layout = new RunLayout(run);
        if (!File.Exists(layout.Results) || RunMarker.Read(run)?.Study != plan.Spec.Name) yield break;
        var directory = RunDirectory.Open(run);
        if (!directory.Cells.Any(c => c.Done)) yield break;
        var (inference, gaps) = StudyAnalysis.GapsOf(directory);
        int seeds = plan.Spec.Seeds.Count;
        if (StudyPower.ExpectedHalfWidth(inference, gaps, Math.Max(2, seeds)) is null) yield break;
        string Width(int k) => StudyPower.ExpectedHalfWidth(inference, gaps, k) is double w ? "±" + w.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "no interval";
        yield return $"expected 95% half-width of a gap to human, from the {directory.Cells.Count(c => c.Done)} finished cells in {run}: " +
            $"{Width(seeds)} BLEU with {seeds} seed{(seeds == 1 ? "" : "s")} per condition ({string.Join(", ", new[] { 3, 5, 10 }.Where(k => k != seeds).Select(k => $"{Width(k)} with {k}"))}); " +
            "`regurg study power " + run + "` gives the seeds each comparison needs";
    }
}
