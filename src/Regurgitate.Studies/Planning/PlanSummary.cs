using System.Globalization;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>What `study plan` shows: every generator and cell, whether it is cached in the run directory, and a rough time estimate.</summary>
public static class PlanSummary
{
    /// <summary>
    /// Lines of text describing <paramref name="plan"/> against the run directory <paramref name="runDirectory"/>;
    /// <paramref name="problems"/> are the generators that cannot run here (<see cref="GeneratorReadiness"/>).
    /// </summary>
    public static IReadOnlyList<string> Describe(StudyPlan plan, string runDirectory, IReadOnlyList<GeneratorProblem>? problems = null)
    {
        problems ??= [];
        var keys = new StudyKeys(plan);
        var store = new ArtifactStore(runDirectory);
        var spec = plan.Spec;
        var lines = new List<string>
        {
            $"study {spec.Name}: {spec.Conditions.Count} condition(s) x {spec.Sizes.Count} size(s) x {spec.Seeds.Count} seed(s) = {plan.Cells.Count} cells, run directory {runDirectory}",
            $"data: student pool {plan.StudentPool.Count:N0} of {plan.TrainPairs:N0} pairs of {spec.Data.Train.Description} (seeded, seed {spec.Data.PoolSeed})"
                + (plan.OverlapDropped > 0 ? $", {plan.OverlapDropped} sharing a sentence with valid/test left out" : "")
                + $"; valid {plan.Valid.Count:N0}; test {plan.Test.Count:N0}",
            spec.ApiStudent is ApiStudentSpec api ? $"student: {api.Describe()}"
            : $"student: {spec.Student.Preset}, {spec.Student.DescribeBudget()}, {spec.Student.DescribeDecoding()} decoding"
                + (spec.Student.Init != null ? $", fine-tuned from {spec.Student.Init}" : ""),
        };
        double total = 0;
        foreach (var generator in spec.Generators)
        {
            bool cached = store.Done(ArtifactKind.Generated, keys.Generations[generator.Name]) != null;
            double estimate = cached ? 0 : StudyEstimate.Generator(plan, generator);
            total += estimate;
            string pool = generator is TeacherGenerator ? $", trained on {plan.TeacherPools[generator.Name].Count:N0} pairs" : "";
            string state = cached ? "cached"
                : problems.FirstOrDefault(p => p.Generator.Name == generator.Name) is GeneratorProblem problem ? "CANNOT RUN HERE: " + problem.Reason
                : "to run, ~" + StudyStatus.Clock(estimate);
            lines.Add($"generator {generator.Name} ({generator.Type}{pool}): {state}");
        }
        lines.Add("");
        lines.Add(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,6}  {3}", "cell", "size", "seed", "state"));
        foreach (var cell in plan.Cells)
        {
            var record = CellRecord.ReadCurrent(store.Layout.CellRecord(cell.Id), keys.Cell(cell));
            string state;
            if (record?.Row.Status == CellStatus.Done) state = "cached";
            else
            {
                double estimate = StudyEstimate.Cell(plan, cell);
                bool trained = store.Done(ArtifactKind.Student, keys.Student(cell)) != null;
                if (trained) estimate = plan.Test.Count * StudyEstimate.SecondsPerSentence(spec.Student);
                total += estimate;
                state = (trained ? "trained, to translate" : record != null ? "failed before, to run" : "to run") + ", ~" + StudyStatus.Clock(estimate);
            }
            lines.Add(string.Format(CultureInfo.InvariantCulture, "{0,-40} {1,8} {2,6}  {3}", cell.Id, cell.Size, cell.Seed, state));
        }
        if (spec.ApiStudent is ApiStudentSpec student) lines.AddRange(ApiLines(plan, keys, store, student));
        lines.Add("");
        lines.Add($"shared units (each runs alone with --cell, e.g. as a cluster array task): {string.Join(", ", StudyUnits.Shared(plan))}; closing step: {StudyUnits.Report}");
        lines.Add($"estimated time left: ~{StudyStatus.Clock(total)} with one job (rough: from a 2-core CPU's training cost per pair and epoch; early stopping shortens it)");
        if (problems.Count > 0)
            lines.Add($"{problems.Count} generator(s) cannot run here ({string.Join(", ", problems.Select(p => p.Generator.Name))}): `regurg study run` stops before training anything until they can");
        return lines;
    }

    /// <summary>Tokens and money of the API cells still to fine-tune, before anything is sent.</summary>
    static IEnumerable<string> ApiLines(StudyPlan plan, StudyKeys keys, ArtifactStore store, ApiStudentSpec student)
    {
        var pending = plan.Cells.Where(c => store.Done(ArtifactKind.Student, keys.Student(c)) == null).ToList();
        var estimates = ApiCostEstimate.For(plan, pending);
        yield return "";
        string epochs = student.Epochs is int n ? $"{n} epochs" : $"epochs chosen by the provider, {ApiStudentSpec.AssumedEpochs} assumed";
        yield return $"API fine-tuning: {pending.Count} of {plan.Cells.Count} cells still to fine-tune ({epochs}; synthetic targets estimated by the human ones)";
        foreach (var e in estimates)
            yield return string.Format(CultureInfo.InvariantCulture, "  {0,-40} training {1,12:N0} tokens, inference {2:N0} in + {3:N0} out{4}",
                e.Cell, e.TrainingTokens, e.InputTokens, e.OutputTokens, e.Cost is double c ? $", ~${c:F2}" : "");
        long training = estimates.Sum(e => e.TrainingTokens), input = estimates.Sum(e => e.InputTokens), output = estimates.Sum(e => e.OutputTokens);
        string cost = student.Prices == null ? "no prices in the spec, so no cost"
            : string.Create(CultureInfo.InvariantCulture, $"~${estimates.Sum(e => e.Cost ?? 0):F2} at the spec's prices")
              + (student.ConfirmAbove is double limit ? string.Create(CultureInfo.InvariantCulture, $"; `study run` asks for --yes above ${limit:F2}") : "");
        yield return string.Format(CultureInfo.InvariantCulture, "  total: {0:N0} training tokens, {1:N0} input and {2:N0} output tokens; {3}", training, input, output, cost);
    }
}
