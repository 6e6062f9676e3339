using System.Globalization;
using System.Text;
using Regurgitate.IO;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>One job of a submission: a job array over units (or the single report task), and its sbatch script.</summary>
/// <param name="Name">"shared", "cells" or "report".</param>
/// <param name="Script">The sbatch script.</param>
/// <param name="Units">The units its array tasks run, by task index (one, "report", for the report job).</param>
public sealed record SlurmStage(string Name, string Script, IReadOnlyList<string> Units);

/// <summary>
/// Writes the sbatch scripts of one submission of a study into <c>RUN/slurm/NNN/</c>: a job array over the shared
/// units still missing (tokenizer, teachers and their generated data), a job array over the cells not done, and
/// the report, each task running <c>regurg study run SPEC --cell ID</c>; plus <c>submit.sh</c>, which chains them
/// with <c>--dependency=afterok</c> for those who submit by hand.
/// </summary>
public static class SlurmScripts
{
    /// <summary>Writes the scripts for <paramref name="shared"/> units and <paramref name="cells"/>; returns the stages in submission order.</summary>
    public static IReadOnlyList<SlurmStage> Write(StudyPlan plan, SlurmOptions options, IReadOnlyList<string> shared, IReadOnlyList<string> cells)
    {
        string folder = NextFolder(options.RunDirectory);
        Directory.CreateDirectory(new RunLayout(options.RunDirectory).SlurmLogs);
        var stages = new List<SlurmStage>();
        if (shared.Count > 0) stages.Add(Stage(plan, options, folder, "shared", shared, gpus: options.GpusPerTask));
        if (cells.Count > 0) stages.Add(Stage(plan, options, folder, "cells", cells, gpus: options.GpusPerTask));
        stages.Add(Stage(plan, options, folder, "report", [StudyUnits.Report], gpus: 0));

        var submit = new StringBuilder("#!/bin/bash\n# Submits this study's stages in order, each waiting for the one before to succeed.\nset -euo pipefail\n");
        string? previous = null;
        foreach (var stage in stages)
        {
            string variable = stage.Name + "_job";
            string dependency = previous == null ? "" : $"--dependency=afterok:${previous} --kill-on-invalid-dep=yes ";
            submit.Append(CultureInfo.InvariantCulture, $"{variable}=$(sbatch --parsable {dependency}{Quote(stage.Script)})\necho \"{stage.Name}: ${variable}\"\n");
            previous = "{" + variable + "%%;*}";
        }
        string submitScript = Path.Combine(folder, "submit.sh");
        AtomicFile.WriteAllText(submitScript, submit.ToString());
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(submitScript, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        return stages;
    }

    static SlurmStage Stage(StudyPlan plan, SlurmOptions options, string folder, string name, IReadOnlyList<string> units, int gpus)
    {
        string list = Path.Combine(folder, name + ".list");
        AtomicFile.WriteAllLines(list, units);
        bool array = name != "report";
        var script = new StringBuilder("#!/bin/bash\n");
        void Directive(string text) => script.Append("#SBATCH ").Append(text).Append('\n');
        Directive($"--job-name=regurg-{plan.Spec.Name}-{name}");
        if (array) Directive(string.Create(CultureInfo.InvariantCulture, $"--array=0-{units.Count - 1}"));
        Directive("--ntasks=1");
        Directive(string.Create(CultureInfo.InvariantCulture, $"--cpus-per-task={options.CpusPerTask}"));
        if (options.Time != null) Directive($"--time={options.Time}");
        if (options.Partition != null) Directive($"--partition={options.Partition}");
        if (options.Account != null) Directive($"--account={options.Account}");
        if (gpus > 0) Directive(string.Create(CultureInfo.InvariantCulture, $"--gres=gpu:{gpus}"));
        string logs = new RunLayout(options.RunDirectory).SlurmLogs.Replace("%", "%%", StringComparison.Ordinal);
        Directive("--output=" + DirectiveWord(Path.Combine(logs, array ? "%x-%A_%a.out" : "%x-%j.out")));
        script.Append("set -euo pipefail\n");
        foreach (var line in options.Setup) script.Append(line).Append('\n');
        script.Append(array
            ? $"unit=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" {Quote(list)})\n"
            : $"unit={StudyUnits.Report}\n");
        script.Append(CultureInfo.InvariantCulture, $"exec {string.Join(' ', options.Regurg.Select(Quote))} study run {Quote(options.Spec)} --out {Quote(options.RunDirectory)} --cell \"$unit\" --threads \"${{SLURM_CPUS_PER_TASK:-{options.CpusPerTask}}}\"");
        if (options.DataDirectory != null) script.Append(" --data-dir ").Append(Quote(options.DataDirectory));
        if (gpus > 0) script.Append(" --device cuda");
        // An API study's cost was confirmed when it was submitted.
        if (plan.Spec.ApiStudent != null) script.Append(" --yes");
        script.Append('\n');
        string path = Path.Combine(folder, name + ".sbatch");
        AtomicFile.WriteAllText(path, script.ToString());
        return new SlurmStage(name, path, units);
    }

    /// <summary>RUN/slurm/001, 002, ...: each submission keeps its own scripts and lists, so a resubmission never rewrites what a queued job reads.</summary>
    static string NextFolder(string runDirectory)
    {
        string root = new RunLayout(runDirectory).Slurm;
        Directory.CreateDirectory(root);
        for (int n = 1; ; n++)
        {
            string folder = Path.Combine(root, n.ToString("D3", CultureInfo.InvariantCulture));
            if (Directory.Exists(folder)) continue;
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>
    /// A word of an <c>#SBATCH</c> line as sbatch splits it: in double quotes, with '"' and '\' escaped by a
    /// backslash, so that spaces, quotes and '#' stay in the word. (Control characters are refused before.)
    /// </summary>
    static string DirectiveWord(string text) => "\"" + text.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    /// <summary>A single-quoted shell word.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''") + "'";
}
