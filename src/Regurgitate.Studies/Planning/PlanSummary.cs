using System.Globalization;

namespace Regurgitate.Studies;

/// <summary>What `study plan` shows: every generator and cell, whether it is cached in the run directory, and a rough time estimate.</summary>
public static class PlanSummary
{
    /// <summary>Lines of text describing <paramref name="plan"/> against the run directory <paramref name="runDirectory"/>.</summary>
    public static IReadOnlyList<string> Describe(StudyPlan plan, string runDirectory)
    {
        var keys = new StudyKeys(plan);
        var store = new ArtifactStore(runDirectory);
        var spec = plan.Spec;
        var lines = new List<string>
        {
            $"study {spec.Name}: {spec.Conditions.Count} condition(s) x {spec.Sizes.Count} size(s) x {spec.Seeds.Count} seed(s) = {plan.Cells.Count} cells, run directory {runDirectory}",
            $"data: student pool {plan.StudentPool.Count:N0} of {plan.TrainPairs:N0} pairs of {spec.Data.Train.Description} (seeded, seed {spec.Data.PoolSeed})"
                + (plan.OverlapDropped > 0 ? $", {plan.OverlapDropped} sharing a sentence with valid/test left out" : "")
                + $"; valid {plan.Valid.Count:N0}; test {plan.Test.Count:N0}",
            $"student: {spec.Student.Preset}, {spec.Student.DescribeBudget()}, {spec.Student.DescribeDecoding()} decoding"
                + (spec.Student.Init != null ? $", fine-tuned from {spec.Student.Init}" : ""),
        };
        double total = 0;
        foreach (var generator in spec.Generators)
        {
            bool cached = store.Done("generated", keys.Generations[generator.Name]) != null;
            double estimate = cached ? 0 : StudyEstimate.Generator(plan, generator);
            total += estimate;
            string pool = generator is TeacherGenerator ? $", trained on {plan.TeacherPools[generator.Name].Count:N0} pairs" : "";
            lines.Add($"generator {generator.Name} ({generator.Type}{pool}): {(cached ? "cached" : "to run, ~" + StudyStatus.Clock(estimate))}");
        }
        lines.Add("");
        lines.Add(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,6}  {3}", "cell", "size", "seed", "state"));
        foreach (var cell in plan.Cells)
        {
            var record = RunDirectoryFiles.ResultRecord(store, cell, keys);
            string state;
            if (record != null && (string?)record["row"]?["status"] == "done") state = "cached";
            else
            {
                double estimate = StudyEstimate.Cell(plan, cell);
                bool trained = store.Done("student", keys.Student(cell)) != null;
                if (trained) estimate = plan.Test.Count * StudyEstimate.SecondsPerSentence(spec.Student);
                total += estimate;
                state = (trained ? "trained, to translate" : record != null ? "failed before, to run" : "to run") + ", ~" + StudyStatus.Clock(estimate);
            }
            lines.Add(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,6}  {3}", cell.Id, cell.Size, cell.Seed, state));
        }
        lines.Add("");
        lines.Add($"shared units (each runs alone with --cell, e.g. as a cluster array task): {string.Join(", ", StudyUnits.Shared(plan))}; closing step: {StudyUnits.Report}");
        lines.Add($"estimated time left: ~{StudyStatus.Clock(total)} with one job (rough: from a 2-core CPU's training cost per pair and epoch; early stopping shortens it)");
        return lines;
    }
}
