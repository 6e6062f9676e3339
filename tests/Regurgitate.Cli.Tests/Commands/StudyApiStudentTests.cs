using System.Text.Json.Nodes;
using Regurgitate.FineTuning;

namespace Regurgitate.Tests.Commands;

/// <summary>A study whose students are fine-tuned through the fine-tuning API of a real local `regurg serve --fine-tuning`.</summary>
[Collection(nameof(StudyCommandTests))]
public sealed class StudyApiStudentTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = new();

    public void Dispose() => scratch.Dispose();

    [Fact]
    public async Task A_study_killed_while_its_jobs_run_resumes_by_polling_them_and_submits_no_second_job()
    {
        string key = "sk-regurg-study-" + Guid.NewGuid().ToString("N");
        string variable = "REGURG_STUDY_FT_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var withKey = new Dictionary<string, string> { [variable] = key };
        // The test reads the server's jobs with the same key (a variable of its own name, so nothing else sees it).
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            await Run(key, variable, withKey);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    /// <summary>The served API's base model: a tiny translation model trained briefly on real Multi30k pairs.</summary>
    async Task<string> TrainBase()
    {
        File.WriteAllLines(scratch.File("base.de"), TestData.GzipLines("multi30k/val.de.gz", 200, 100));
        File.WriteAllLines(scratch.File("base.en"), TestData.GzipLines("multi30k/val.en.gz", 200, 100));
        string baseRun = scratch.File("base-run");
        var train = await InProcessCli.Invoke("train", "--train-source", scratch.File("base.de"), "--train-target", scratch.File("base.en"), "--vocab-size", "300",
            "--preset", "tiny", "--out", baseRun, "--batch-tokens", "600", "--warmup", "10", "--lr", "3e-3", "--max-updates", "10");
        Assert.True(train.ExitCode == 0, train.Error);
        return baseRun;
    }

    /// <summary>The first job id a cell of <paramref name="run"/> records, while <paramref name="study"/> runs.</summary>
    static async Task<string> RecordedJob(string run, ChildCli study)
    {
        for (int i = 0; i < 3000 && !study.HasExited; i++)
        {
            string students = Path.Combine(run, "artifacts", "student");
            foreach (var state in Directory.Exists(students) ? Directory.GetFiles(students, "finetune.json", SearchOption.AllDirectories) : [])
                if (JsonNode.Parse(File.ReadAllText(state))?["job_id"]?.GetValue<string>() is string id) return id;
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException("no job was recorded: " + study.Output + study.Error);
    }

    async Task Run(string key, string variable, Dictionary<string, string> withKey)
    {
        string baseRun = await TrainBase();
        var seen = new List<string>();
        using var server = ChildCli.Start(withKey, "serve", "--fine-tuning", "--base", baseRun, "--state", scratch.File("state"), "--port", "0", "--greedy", "--api-key-env", variable);
        var url = await FinetuneCommandTests.UrlOf(server);
        string spec = scratch.File("api.yaml");
        File.WriteAllText(spec, $$"""
            name: api
            data:
              train: multi30k:train:de-en
              valid: multi30k:val:de-en
              test: multi30k:test_2016_flickr:de-en
              valid_limit: 40
              test_limit: 40
              overlap: drop
            student: {type: openai-finetune, base_url: '{{url}}', model: 'nmt:base-run', api_key_env: {{variable}}, epochs: 4, validation_pairs: 10,
                      poll_initial_s: 0.2, poll_max_s: 1, prices: {training: 25, input: 3, output: 12}, confirm_above: 1000}
            generators:
              weak: {type: teacher, pairs: 150, epochs: 1, vocab_size: 400, warmup: 20, search: greedy}
            conditions: [human, {synthetic: weak}]
            sizes: [60]
            seeds: [1]
            """);
        string run = scratch.File("run");
        string[] arguments = ["study", "run", spec, "--out", run, "--threads", "1", "--data-dir", TestData.Root];

        var plan = await ChildCli.RunToEndAsync(withKey, ["study", "plan", spec, "--out", run, "--data-dir", TestData.Root]);
        Assert.True(plan.Code == 0, plan.Output);
        Assert.Contains("API fine-tuning: 2 of 2 cells still to fine-tune (4 epochs", plan.Output);

        // Kill -9 the study once a cell has recorded its running job.
        using (var first = ChildCli.Start(withKey, arguments))
        {
            await RecordedJob(run, first);
            await first.KillAsync();
            seen.Add(first.Output + first.Error);
        }
        var resumed = await ChildCli.RunToEndAsync(withKey, arguments);
        seen.Add(resumed.Output);
        Assert.True(resumed.Code == 0, resumed.Output);
        Assert.Contains("2 of 2 cells done, 0 failed", resumed.Output);

        // One job per cell, each run to success; the cells' models translated the test set and were scored.
        var jobs = await FinetuneCommandTests.Client(url, variable).ListJobsAsync(100);
        Assert.Equal(2, jobs.Count);
        Assert.All(jobs, j => Assert.Equal(FineTuningJobStatus.Succeeded, j.Status));
        Assert.Equal(2, jobs.Select(j => j.TrainingFile).Distinct().Count());
        var rows = File.ReadAllLines(Path.Combine(run, "results.jsonl")).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(["human.n60.s1", "synthetic-weak.n60.s1"], rows.Select(r => (string)r["cell"]!));
        Assert.All(rows, r => Assert.Equal("done", (string)r["status"]!));
        Assert.All(rows, r => Assert.Equal(40, File.ReadAllLines(Path.Combine(run, (string)r["hypotheses"]!)).Length));
        // An API model cannot be force-decoded: no NLL of the references, and the cell's log says why.
        Assert.All(rows, r => Assert.Null(r["test_nll"]));
        Assert.All(rows, r => Assert.Contains("cannot be force-decoded", File.ReadAllText(Path.Combine(run, "cells", (string)r["cell"]!, "log"))));
        Assert.True(File.Exists(Path.Combine(run, "report.html")));
        var runJson = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "run.json")))!;
        Assert.Equal("openai-finetune", (string)runJson["student"]!["type"]!);

        // The key went only into request headers: not into any file of the run, the server's state or any output.
        seen.Add(server.Output + server.Error);
        Assert.All(seen, text => Assert.DoesNotContain(key, text));
        foreach (var path in Directory.EnumerateFiles(scratch.Path, "*", SearchOption.AllDirectories))
            Assert.False(File.ReadAllBytes(path).AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(key)) >= 0, $"the key is in {path}");
    }

    [Fact]
    public async Task A_cancelled_job_fails_its_cell_with_the_providers_reason_and_a_rerun_starts_a_new_job()
    {
        string baseRun = await TrainBase();
        using var server = ChildCli.Start("serve", "--fine-tuning", "--base", baseRun, "--state", scratch.File("state"), "--port", "0", "--greedy");
        var url = await FinetuneCommandTests.UrlOf(server);
        string spec = scratch.File("cancel.yaml");
        File.WriteAllText(spec, $$"""
            name: cancel
            data:
              train: multi30k:train:de-en
              valid: multi30k:val:de-en
              test: multi30k:test_2016_flickr:de-en
              valid_limit: 40
              test_limit: 20
              overlap: drop
            student: {type: openai-finetune, base_url: '{{url}}', model: 'nmt:base-run', epochs: 40, validation_pairs: 0, poll_initial_s: 0.2, poll_max_s: 1}
            conditions: [human]
            sizes: [60]
            seeds: [1]
            """);
        string run = scratch.File("run");
        string[] arguments = ["study", "run", spec, "--out", run, "--threads", "1", "--no-report", "--data-dir", TestData.Root];
        var endpoint = new FineTuningEndpoint(new FineTuningEndpointSettings(url));

        using (var study = ChildCli.Start(arguments))
        {
            string job = await RecordedJob(run, study);
            await endpoint.CancelJobAsync(job);
            Assert.Equal(1, await study.ExitCodeAsync(TimeSpan.FromMinutes(5)));
            var row = JsonNode.Parse(File.ReadAllLines(Path.Combine(run, "results.jsonl")).Single())!;
            Assert.Equal("failed", (string)row["status"]!);
            Assert.Equal($"fine-tuning job {job} cancelled: the provider gave no reason", (string)row["error"]!);
        }

        // A rerun leaves the cancelled job alone and starts a new one on the files already uploaded.
        var rerun = await ChildCli.RunToEndAsync(arguments);
        Assert.True(rerun.Code == 0, rerun.Output);
        var jobs = await endpoint.ListJobsAsync(100);
        Assert.Equal([FineTuningJobStatus.Succeeded, FineTuningJobStatus.Cancelled], jobs.Select(j => j.Status));
        Assert.Single(jobs.Select(j => j.TrainingFile).Distinct());
    }
}
