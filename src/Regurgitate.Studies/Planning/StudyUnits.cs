namespace Regurgitate.Studies;

/// <summary>
/// The ids `study run --cell` accepts besides cells: the work every cell shares (the students' tokenizer, each
/// generator with its teacher) and the closing step that writes the study-level files and the report. A cluster
/// runs the shared units as one job array, the cells as a second, and the report last.
/// </summary>
public static class StudyUnits
{
    /// <summary>The students' tokenizer.</summary>
    public const string Tokenizer = "tokenizer";
    /// <summary>data.jsonl, generators.jsonl, run.json, results and the report, from what the run directory holds.</summary>
    public const string Report = "report";
    /// <summary>Prefix of a generator's unit (its teacher, if any, and its targets for the pools).</summary>
    public const string GeneratorPrefix = "generator:";

    /// <summary>The unit of generator <paramref name="name"/>.</summary>
    public static string Generator(string name) => GeneratorPrefix + name;

    /// <summary>The shared units of <paramref name="plan"/>, in the order a single run builds them.</summary>
    public static IReadOnlyList<string> Shared(StudyPlan plan) =>
        // A student fine-tuned through an API brings its own tokenizer.
        [.. plan.Spec.ApiStudent == null ? [Tokenizer] : Array.Empty<string>(), .. plan.Spec.Generators.Select(g => Generator(g.Name))];

    /// <summary>Whether <paramref name="id"/> names a shared unit or the report rather than a cell.</summary>
    public static bool IsShared(string id) => id == Tokenizer || id == Report || id.StartsWith(GeneratorPrefix, StringComparison.Ordinal);

    /// <summary>Checks that <paramref name="id"/> is a unit or cell of <paramref name="plan"/>; throws <see cref="InputException"/> if not.</summary>
    public static void Check(StudyPlan plan, string id)
    {
        if (id == Report || Shared(plan).Contains(id)) return;
        if (id.StartsWith(GeneratorPrefix, StringComparison.Ordinal))
            throw new InputException($"no generator '{id[GeneratorPrefix.Length..]}' in this study", plan.Spec.File, hint: "`regurg study plan SPEC` lists the units and cells");
        plan.Cell(id);
    }
}
