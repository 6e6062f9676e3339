using System.Globalization;

namespace Regurgitate.Studies;

/// <summary>
/// Slurm's own view of a run's units (PENDING, RUNNING, COMPLETED, FAILED, CANCELLED, TIMEOUT, ...), from sacct when
/// the cluster keeps accounting, else from scontrol, which remembers finished jobs for a few minutes (MinJobAge).
/// A unit submitted more than once shows its latest job's state.
/// </summary>
public static class SlurmQueue
{
    /// <summary>The state of each unit of the run's recorded submissions; empty when there are none or Slurm cannot be asked.</summary>
    public static IReadOnlyDictionary<string, string> States(string runDirectory)
    {
        var jobs = SlurmJobs.Read(runDirectory);
        var states = new Dictionary<string, string>();
        if (jobs.Count == 0) return states;
        var byTask = Ask(jobs.Select(j => j.JobId).ToList());
        foreach (var job in jobs)
            for (int index = 0; index < job.Units.Count; index++)
            {
                string key = job.Stage == "report" ? job.JobId : $"{job.JobId}_{index}";
                if (byTask.TryGetValue(key, out var state) || (job.Units.Count == 1 && byTask.TryGetValue(job.JobId, out state)))
                    states[job.Units[index]] = state;
            }
        return states;
    }

    /// <summary>State by "JOB_TASK" (array tasks) or "JOB".</summary>
    static Dictionary<string, string> Ask(IReadOnlyList<string> jobIds)
    {
        var states = new Dictionary<string, string>();
        try
        {
            // -X: the allocation only, not its steps; array tasks come as JOB_TASK, pending ranges as JOB_[a-b].
            foreach (var line in SlurmJobs.Run("sacct", ["-n", "-P", "-X", "-j", string.Join(",", jobIds), "-o", "JobID,State"]).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split('|');
                if (fields.Length >= 2) AddTasks(states, fields[0], fields[1].Split(' ')[0]);
            }
            if (states.Count > 0) return states;
        }
        catch (InputException)
        {
            // No accounting storage (or no sacct): scontrol below.
        }
        foreach (var id in jobIds)
        {
            string output;
            try { output = SlurmJobs.Run("scontrol", ["show", "job", "-o", id]); }
            catch (InputException) { continue; } // gone from the controller's memory
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => f.Split('=', 2)).Where(f => f.Length == 2).GroupBy(f => f[0]).ToDictionary(g => g.Key, g => g.First()[1]);
                if (!fields.TryGetValue("JobState", out var state)) continue;
                if (fields.TryGetValue("ArrayJobId", out var array) && fields.TryGetValue("ArrayTaskId", out var tasks))
                    AddTasks(states, $"{array}_[{tasks}]", state);
                else if (fields.TryGetValue("JobId", out var job)) states[job] = state;
            }
        }
        return states;
    }

    /// <summary>Adds "JOB", "JOB_TASK" or "JOB_[a-b,c%limit]" with its state.</summary>
    static void AddTasks(Dictionary<string, string> states, string id, string state)
    {
        int underscore = id.IndexOf('_');
        if (underscore < 0) { states[id] = state; return; }
        string job = id[..underscore], tasks = id[(underscore + 1)..].Trim('[', ']');
        int percent = tasks.IndexOf('%');
        if (percent >= 0) tasks = tasks[..percent];
        foreach (var part in tasks.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var range = part.Split('-');
            if (!int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)) continue;
            int last = range.Length > 1 && int.TryParse(range[1], NumberStyles.None, CultureInfo.InvariantCulture, out int l) ? l : first;
            for (int task = first; task <= last; task++) states[$"{job}_{task}"] = state;
        }
    }
}
