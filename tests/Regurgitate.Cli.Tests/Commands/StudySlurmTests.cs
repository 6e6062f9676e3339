using System.Text.RegularExpressions;

namespace Regurgitate.Tests;

/// <summary>`study slurm`: the scripts it writes, and a study run through a real single-node Slurm.</summary>
[Collection(nameof(StudyCommandTests))]
public sealed class StudySlurmTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "regurg-study-slurm-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    string WriteSpec()
    {
        Directory.CreateDirectory(folder);
        string spec = Path.Combine(folder, "spec.yaml");
        File.WriteAllText(spec, StudyCommandTests.Spec());
        return spec;
    }

    static string Bash(string script)
    {
        using var bash = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("bash", ["-n", script]) { RedirectStandardError = true })!;
        string error = bash.StandardError.ReadToEnd();
        bash.WaitForExit();
        return bash.ExitCode == 0 ? "" : error;
    }

    [Fact]
    public async Task Slurm_writes_job_arrays_of_units_cells_and_the_report_that_each_run_study_run_cell()
    {
        string spec = WriteSpec(), run = Path.Combine(folder, "run");
        var (code, text, error) = await InProcessCli.Run("study", "slurm", spec, "--out", run, "--data-dir", TestData.Root,
            "--partition", "short", "--time", "0:30:00", "--account", "nlp", "--cpus-per-task", "4", "--gpus-per-task", "1", "--setup", "module load dotnet/10");
        Assert.True(code == 0, error);
        string submission = Path.Combine(run, "slurm", "001");
        Assert.Equal(["tokenizer", "generator:weak"], File.ReadAllLines(Path.Combine(submission, "shared.list")));
        Assert.Equal(["human.n60.s1", "human.n120.s1", "synthetic-weak.n60.s1", "synthetic-weak.n120.s1"], File.ReadAllLines(Path.Combine(submission, "cells.list")));
        string cells = File.ReadAllText(Path.Combine(submission, "cells.sbatch"));
        foreach (var line in new[] { "#SBATCH --array=0-3", "#SBATCH --cpus-per-task=4", "#SBATCH --partition=short", "#SBATCH --time=0:30:00",
                     "#SBATCH --account=nlp", "#SBATCH --gres=gpu:1", "module load dotnet/10", "--cell \"$unit\"", "--device cuda", $"--out '{run}'" })
            Assert.Contains(line, cells);
        Assert.Contains("#SBATCH --array=0-1", File.ReadAllText(Path.Combine(submission, "shared.sbatch")));
        string report = File.ReadAllText(Path.Combine(submission, "report.sbatch"));
        Assert.DoesNotContain("--array", report);
        Assert.DoesNotContain("--gres", report);
        string submit = File.ReadAllText(Path.Combine(submission, "submit.sh"));
        Assert.Matches(new Regex(@"cells_job=\$\(sbatch --parsable --dependency=afterok:\$\{shared_job%%;\*\} --kill-on-invalid-dep=yes"), submit);
        Assert.Contains("report_job=$(sbatch --parsable --dependency=afterok:${cells_job%%;*}", submit);
        foreach (var script in Directory.GetFiles(submission, "*.s*")) Assert.Equal("", Bash(script));
        Assert.Contains("submit with: bash", text);
        // The run directory is ready for the tasks; a second call keeps the first submission's files.
        Assert.True(File.Exists(Path.Combine(run, "plan.json")));
        (code, _, error) = await InProcessCli.Run("study", "slurm", spec, "--out", run, "--data-dir", TestData.Root);
        Assert.True(code == 0, error);
        Assert.True(Directory.Exists(Path.Combine(run, "slurm", "002")));

        (code, _, error) = await InProcessCli.Run("study", "slurm", spec, "--out", run, "--resubmit-failed", "--data-dir", TestData.Root);
        Assert.Equal(2, code);
        Assert.Contains("no earlier submission", error);
    }

    public static TheoryData<string, string> HostileOptions() => new()
    {
        { "--account", "acc\necho INJECTED > /tmp/regurg-injected" },
        { "--partition", "short\r#SBATCH --wrap=id" },
        { "--time", "1:00:00\ttouch /tmp/x" },
        { "--setup", "module load dotnet\0" },
        { "--regurg", "/opt/regurg\nrm -rf ~" },
        { "--time", "tomorrow" },
        { "--time", "1:00:00 --wrap=id" },
        { "--partition", "short gpu" },
        { "--account", "nlp;id" },
        { "--account", "$(id)" },
        { "--cpus-per-task", "0" },
        { "--gpus-per-task", "-1" },
        { "--out", "/tmp/a\\b" },
        { "--out", "/tmp/a\nb" },
    };

    [Theory]
    [MemberData(nameof(HostileOptions))]
    public async Task A_value_that_would_break_the_scripts_is_refused_naming_its_option_and_nothing_is_written(string option, string value)
    {
        string spec = WriteSpec(), run = Path.Combine(folder, "run");
        if (option == "--out") run = value;
        string[] arguments = option == "--out" ? ["study", "slurm", spec, "--data-dir", TestData.Root, option, value]
            : ["study", "slurm", spec, "--out", run, "--data-dir", TestData.Root, option, value];
        var (code, _, error) = await InProcessCli.Run(arguments);
        Assert.True(code == 2, $"{option} {value}: exit {code}: {error}");
        Assert.StartsWith($"regurg: error: {option} ", error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.False(Directory.Exists(run), $"{option}: the run directory was created");
    }

    [Theory]
    [InlineData("45")]
    [InlineData("45:30")]
    [InlineData("12:00:00")]
    [InlineData("2-12")]
    [InlineData("2-12:30")]
    [InlineData("2-12:30:00")]
    [InlineData("UNLIMITED")]
    public async Task Every_Slurm_time_format_is_accepted(string time)
    {
        string spec = WriteSpec(), run = Path.Combine(folder, "run");
        var (code, _, error) = await InProcessCli.Run("study", "slurm", spec, "--out", run, "--data-dir", TestData.Root, "--time", time);
        Assert.True(code == 0, error);
        Assert.Contains($"#SBATCH --time={time}\n", File.ReadAllText(Path.Combine(run, "slurm", "001", "cells.sbatch")));
    }

    [Fact]
    public async Task Scripts_start_regurg_with_exactly_the_intended_arguments_through_paths_with_spaces_quotes_dollars_and_backticks()
    {
        // Every path the scripts name holds what a shell would otherwise read: spaces, both quotes, $, backticks, '#'.
        string odd = Path.Combine(folder, "it's a \"study\" $HOME `id` #1 at 50%");
        Directory.CreateDirectory(odd);
        string spec = Path.Combine(odd, "spec $x.yaml"), run = Path.Combine(odd, "run $(id)"), argv = Path.Combine(folder, "argv");
        File.WriteAllText(spec, StudyCommandTests.Spec());
        string bin = Directory.CreateDirectory(Path.Combine(odd, "my 'regurg' bin")).FullName, regurg = Path.Combine(bin, "regurg");
        // A stand-in for regurg that records its arguments, NUL-separated, and does nothing else.
        File.WriteAllText(regurg, "#!/bin/bash\nprintf '%s\\0' \"$@\" > \"$REGURG_ARGV\"\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(regurg, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var (code, _, error) = await InProcessCli.Run("study", "slurm", spec, "--out", run, "--data-dir", TestData.Root, "--regurg", regurg,
            "--cpus-per-task", "4", "--setup", "export REGURG_SETUP_RAN=1");
        Assert.True(code == 0, error);
        string submission = Path.Combine(run, "slurm", "001");
        foreach (var script in Directory.GetFiles(submission, "*.s*")) Assert.Equal("", Bash(script));

        string[] Run(string script, string? task)
        {
            var start = new System.Diagnostics.ProcessStartInfo("bash", [Path.Combine(submission, script)]) { RedirectStandardError = true };
            start.Environment["REGURG_ARGV"] = argv;
            start.Environment["SLURM_CPUS_PER_TASK"] = "3";
            if (task != null) start.Environment["SLURM_ARRAY_TASK_ID"] = task;
            using var bash = System.Diagnostics.Process.Start(start)!;
            string stderr = bash.StandardError.ReadToEnd();
            bash.WaitForExit();
            Assert.True(bash.ExitCode == 0, stderr);
            return File.ReadAllText(argv).Split('\0')[..^1];
        }
        Assert.Equal(["study", "run", spec, "--out", run, "--cell", "synthetic-weak.n60.s1", "--threads", "3", "--data-dir", TestData.Root], Run("cells.sbatch", "2"));
        Assert.Equal(["study", "run", spec, "--out", run, "--cell", "generator:weak", "--threads", "3", "--data-dir", TestData.Root], Run("shared.sbatch", "1"));
        Assert.Equal(["study", "run", spec, "--out", run, "--cell", "report", "--threads", "3", "--data-dir", TestData.Root], Run("report.sbatch", null));

        // sbatch reads the log path from its directive line: one word in double quotes, '%' doubled (a Slurm pattern character).
        string directive = File.ReadLines(Path.Combine(submission, "cells.sbatch")).Single(l => l.StartsWith("#SBATCH --output=", StringComparison.Ordinal));
        string logs = Path.Combine(run, "slurm", "logs");
        Assert.Equal("#SBATCH --output=\"" + logs.Replace("%", "%%").Replace("\"", "\\\"") + "/%x-%A_%a.out\"", directive);
    }

    [Fact]
    public async Task The_study_runs_through_study_slurm_submit_on_a_real_single_node_slurm_as_it_runs_locally()
    {
        RequiredTool.Require(SlurmCluster.Unavailable());
        string spec = WriteSpec(), local = Path.Combine(folder, "local"), run = Path.Combine(folder, "slurm-run");
        var reference = await ChildCli.RunToEndAsync("study", "run", spec, "--out", local, "--threads", "1", "--no-report", "--data-dir", TestData.Root);
        Assert.True(reference.Code == 0, reference.Output);

        using var cluster = SlurmCluster.Start();
        var (code, text) = await ChildCli.RunToEndAsync(cluster.Environment, "study", "slurm", spec, "--out", run, "--cpus-per-task", "1", "--submit", "--data-dir", TestData.Root);
        Assert.True(code == 0, text);
        var jobs = Regex.Matches(text, @"submitted (\w+): job (\d+)").Select(m => (Stage: m.Groups[1].Value, Id: m.Groups[2].Value)).ToList();
        Assert.Equal(["shared", "cells", "report"], jobs.Select(j => j.Stage));
        Assert.True(await cluster.WaitForAsync(jobs.Select(j => j.Id), TimeSpan.FromMinutes(10)), cluster.Logs());

        string Logs() => string.Join("\n", Directory.GetFiles(Path.Combine(run, "slurm", "logs")).Select(f => $"== {f}\n{File.ReadAllText(f)}")) + cluster.Logs();
        Assert.True(File.Exists(Path.Combine(run, "report.html")), Logs());
        Assert.Equal(StudyCommandTests.WithoutTimes(Path.Combine(local, "results.jsonl")), StudyCommandTests.WithoutTimes(Path.Combine(run, "results.jsonl")));
        var status = await ChildCli.RunToEndAsync(cluster.Environment, "study", "status", run);
        Assert.Equal(0, status.Code);
        Assert.Equal(4, Regex.Matches(status.Output, @"\bdone\b.*slurm: COMPLETED").Count);
        Assert.Contains("generator:weak", status.Output);

        // A lost cell is resubmitted alone (with the report), and comes back the same.
        string lost = Path.Combine(run, "cells", "synthetic-weak.n120.s1", "result.json");
        File.Delete(lost);
        (code, text) = await ChildCli.RunToEndAsync(cluster.Environment, "study", "slurm", spec, "--out", run, "--cpus-per-task", "1", "--resubmit-failed", "--data-dir", TestData.Root);
        Assert.True(code == 0, text);
        var again = Regex.Matches(text, @"submitted (\w+): job (\d+)").Select(m => (Stage: m.Groups[1].Value, Id: m.Groups[2].Value)).ToList();
        Assert.Equal(["cells", "report"], again.Select(j => j.Stage));
        Assert.Equal(["synthetic-weak.n120.s1"], File.ReadAllLines(Path.Combine(run, "slurm", "002", "cells.list")));
        Assert.True(await cluster.WaitForAsync(again.Select(j => j.Id), TimeSpan.FromMinutes(5)), Logs());
        Assert.True(File.Exists(lost), Logs());
        Assert.Equal(StudyCommandTests.WithoutTimes(Path.Combine(local, "results.jsonl")), StudyCommandTests.WithoutTimes(Path.Combine(run, "results.jsonl")));
    }
}
