using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>A submitted stage: its Slurm job id and the units of its array tasks by index.</summary>
public sealed record SlurmJob(string Stage, string JobId, IReadOnlyList<string> Units, string Submitted);

/// <summary>
/// Submits a study's stages with sbatch, chained with <c>--dependency=afterok</c> (a stage whose predecessor failed
/// is cancelled rather than left pending forever), and keeps every submission in <c>RUN/slurm/jobs.json</c> so that
/// `study status` can ask Slurm about each unit and a resubmission knows what came before.
/// </summary>
public static class SlurmJobs
{
    /// <summary>The record of submissions.</summary>
    public static string JobsFile(string runDirectory) => new RunLayout(runDirectory).SlurmJobs;

    /// <summary>Submits <paramref name="stages"/> in order; returns the jobs.</summary>
    public static IReadOnlyList<SlurmJob> Submit(string runDirectory, IReadOnlyList<SlurmStage> stages)
    {
        var jobs = new List<SlurmJob>();
        string? previous = null;
        try
        {
            foreach (var stage in stages)
            {
                var arguments = new List<string> { "--parsable" };
                if (previous != null) arguments.AddRange([$"--dependency=afterok:{previous}", "--kill-on-invalid-dep=yes"]);
                arguments.Add(stage.Script);
                string output = Run("sbatch", arguments).Trim();
                string id = output.Split(';')[0];
                if (id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new InputException($"sbatch answered '{output}' instead of a job id");
                jobs.Add(new SlurmJob(stage.Name, id, stage.Units, DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)));
                previous = id;
            }
        }
        finally
        {
            // What was submitted is recorded even when a later sbatch failed, so it can be watched or cancelled.
            if (jobs.Count > 0) Record(runDirectory, jobs);
        }
        return jobs;
    }

    /// <summary>Every submission recorded for the run, oldest first.</summary>
    public static IReadOnlyList<SlurmJob> Read(string runDirectory)
    {
        string file = JobsFile(runDirectory);
        if (!File.Exists(file)) return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(file))!.AsArray().Select(j => new SlurmJob(
                (string)j!["stage"]!, (string)j["job_id"]!, j["units"]!.AsArray().Select(u => (string)u!).ToList(), (string)j["submitted"]!)).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InputException($"is not a submission record of `regurg study slurm` ({e.Message})", file);
        }
    }

    static void Record(string runDirectory, IReadOnlyList<SlurmJob> jobs)
    {
        var all = Read(runDirectory).Concat(jobs);
        AtomicFile.WriteAllText(JobsFile(runDirectory), new JsonArray(all.Select(j => (JsonNode)new JsonObject
        {
            ["stage"] = j.Stage, ["job_id"] = j.JobId, ["submitted"] = j.Submitted,
            ["units"] = new JsonArray(j.Units.Select(u => (JsonNode?)JsonValue.Create(u)).ToArray()),
        }).ToArray()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Runs a Slurm client command; returns its standard output, or throws with its error.</summary>
    internal static string Run(string command, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InputException($"'{command}' was not found on PATH", hint: "run this on a Slurm login node (or load its module), or submit RUN/slurm/NNN/submit.sh there");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new InputException($"{command} failed (exit code {process.ExitCode}): {error.Result.Trim()}");
            return output;
        }
    }
}
