using System.Diagnostics;
using Regurgitate.Cli;
using Regurgitate.Generators;
using Regurgitate.Serving;

namespace Regurgitate.Tests.Commands;

/// <summary>`regurg generate` end to end against a real in-process `serve` on a loopback port.</summary>
public class GenerateCommandTests
{
    static async Task<TranslationServer> Serve(List<string> german, List<string> english, string? faults = null, string? apiKey = null, double retryAfterSeconds = 0.1) =>
        await TranslationServer.StartAsync(FileLookupBackend.FromPairs("m30k", german.Zip(english)), new TranslationServerOptions
        {
            Faults = faults == null ? FaultPlan.None : FaultPlan.Parse(faults),
            RetryAfter = TimeSpan.FromSeconds(retryAfterSeconds),
            ApiKey = apiKey,
        });

    static string Spec(TranslationServer server, string cache, string? apiKeyEnv = null, int concurrency = 4) => $"""
        type: openai
        base_url: {server.BaseUrl}
        model: m30k
        {(apiKeyEnv == null ? "" : "api_key_env: " + apiKeyEnv)}
        source_lang: German
        target_lang: English
        temperature: 0
        max_tokens: 256
        concurrency: {concurrency}
        max_retries: 8
        backoff_base_s: 0.02
        cache: {cache}
        """;

    [Fact]
    public async Task Writes_the_synthetic_corpus_through_faults_and_never_writes_the_api_key()
    {
        using var scratch = TestData.Scratch();
        var german = TestData.GzipLines("multi30k/val.de.gz", 30);
        var english = TestData.GzipLines("multi30k/val.en.gz", 30);
        string key = "sk-regurg-leak-check-" + Guid.NewGuid().ToString("N");
        string variable = "REGURG_CLI_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var server = await Serve(german, english, faults: "429,ok,500,ok,malformed,ok", apiKey: key);
        File.WriteAllLines(scratch.File("src.de"), german);
        File.WriteAllText(scratch.File("teacher.yaml"), Spec(server, "cache", variable));
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            var result = await InProcessCli.Invoke("generate", "--generator", scratch.File("teacher.yaml"), "--sources", scratch.File("src.de"), "--out", scratch.File("out.jsonl"));

            Assert.True(result.ExitCode == 0, result.Error);
            var corpus = SyntheticCorpusJsonl.Read(scratch.File("out.jsonl"));
            Assert.Equal(english, corpus.Select(s => s.Result.Text));
            Assert.Equal(german, corpus.Select(s => s.Source));
            Assert.All(corpus, s => Assert.Equal("openai:m30k", s.Provenance.Generator));
            Assert.Contains("HTTP 429", result.Error);
            Assert.Contains("tokens paid this run", result.Output);
            Assert.True(server.FaultsInjected > 0);
            // The cache is relative to the spec file.
            Assert.Equal(30, new CompletionCache(scratch.File("cache")).Count);

            // The key reached the server (it refuses requests without it) and nothing we wrote or printed.
            Assert.DoesNotContain(key, result.Output + result.Error);
            var written = Directory.EnumerateFiles(scratch.Path, "*", SearchOption.AllDirectories).ToList();
            Assert.True(written.Count > 30);
            foreach (var file in written) Assert.DoesNotContain(key, File.ReadAllText(file));

            // Second run: everything from the cache, no request reaches the server.
            long requests = server.Requests;
            var again = await InProcessCli.Invoke("generate", "--generator", scratch.File("teacher.yaml"), "--sources", scratch.File("src.de"), "--out", scratch.File("again.jsonl"));
            Assert.Equal(0, again.ExitCode);
            Assert.Equal(requests, server.Requests);
            Assert.Contains("30 from cache", again.Output);
            Assert.Equal(SyntheticCorpusContent.Of(scratch.File("out.jsonl")), SyntheticCorpusContent.Of(scratch.File("again.jsonl")));
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public async Task Resumes_after_the_process_is_killed_and_generates_only_the_missing_segments()
    {
        using var scratch = TestData.Scratch();
        var german = TestData.GzipLines("multi30k/train.de.gz", 60);
        var english = TestData.GzipLines("multi30k/train.en.gz", 60);
        // A 429 every fourth request with a 0.25 s Retry-After makes the child slow enough to be killed midway.
        await using var server = await Serve(german, english, faults: "ok,ok,ok,429", retryAfterSeconds: 0.25);
        File.WriteAllLines(scratch.File("src.de"), german);
        File.WriteAllText(scratch.File("spec.yaml"), Spec(server, "no-cache-here", concurrency: 1).Replace("cache: no-cache-here", ""));
        string output = scratch.File("out.jsonl"), progress = output + ".progress";
        string[] args = ["generate", "--generator", scratch.File("spec.yaml"), "--sources", scratch.File("src.de"), "--out", output, "--batch-size", "5"];

        var child = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        child.ArgumentList.Add(typeof(CommandLine).Assembly.Location);
        foreach (var a in args) child.ArgumentList.Add(a);
        using (var process = Process.Start(child)!)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
            while (!process.HasExited && DateTime.UtcNow < deadline && (!File.Exists(progress) || File.ReadAllLines(progress).Length < 16))
                await Task.Delay(50);
            // (Reading the child's stderr here would wait for it to finish.)
            Assert.False(process.HasExited, "the run finished before it could be killed");
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.False(File.Exists(output));
        int doneBeforeKill = File.ReadAllLines(progress).Count(l => l.StartsWith("{\"id\":", StringComparison.Ordinal) && l.EndsWith('}'));
        Assert.InRange(doneBeforeKill, 15, 55);

        long translatedBefore = server.Translated;
        var resumed = await InProcessCli.Invoke(args);
        Assert.True(resumed.ExitCode == 0, resumed.Error);
        Assert.Contains("resuming from", resumed.Error);
        Assert.Contains($"{60 - doneBeforeKill} this run, {doneBeforeKill} resumed", resumed.Output);
        Assert.Equal(60 - doneBeforeKill, server.Translated - translatedBefore);
        Assert.False(File.Exists(progress));

        var uninterrupted = await InProcessCli.Invoke([.. args[..^3], scratch.File("straight.jsonl")]);
        Assert.Equal(0, uninterrupted.ExitCode);
        Assert.Equal(SyntheticCorpusContent.Of(scratch.File("straight.jsonl")), SyntheticCorpusContent.Of(output));
        Assert.Equal(english, SyntheticCorpusJsonl.Read(output).Select(s => s.Result.Text));
    }

    [Fact]
    public async Task Imports_a_file_from_an_inline_spec_and_refuses_one_of_the_wrong_length()
    {
        using var scratch = TestData.Scratch();
        var english = TestData.GzipLines("multi30k/val.en.gz", 12);
        var german = TestData.GzipLines("multi30k/val.de.gz", 12);
        File.WriteAllLines(scratch.File("src.en"), english);
        File.WriteAllLines(scratch.File("human.de"), german);

        var imported = await InProcessCli.Invoke("generate", "-g", $"{{type: file, path: {scratch.File("human.de")}, label: multi30k-human}}", "--sources", scratch.File("src.en"), "--out", scratch.File("imported.jsonl"));
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Equal(german, SyntheticCorpusJsonl.Read(scratch.File("imported.jsonl")).Select(s => s.Result.Text));

        File.WriteAllLines(scratch.File("short.de"), german.Take(11));
        var mismatch = await InProcessCli.Invoke("generate", "-g", $"{{type: file, path: {scratch.File("short.de")}}}", "--sources", scratch.File("src.en"), "--out", scratch.File("bad.jsonl"));
        Assert.Equal(2, mismatch.ExitCode);
        Assert.Contains("has 11 lines but there are 12 sources", mismatch.Error);
        Assert.False(File.Exists(scratch.File("bad.jsonl")));
    }

    [Fact]
    public async Task Translates_with_apertium_from_an_inline_spec()
    {
        RequiredTool.Require(ApertiumGenerator.AvailableModesOrEmpty().Contains("eng-spa"),
            "Apertium eng-spa is not installed (apt-get install -y apertium apertium-eng-spa; ./run-tests installs it when run as root)");
        using var scratch = TestData.Scratch();
        File.WriteAllLines(scratch.File("src.en"), TestData.GzipLines("multi30k/val.en.gz", 12));
        var apertium = await InProcessCli.Invoke("generate", "-g", "{type: apertium, mode: eng-spa}", "--sources", scratch.File("src.en"), "--out", scratch.File("spa.jsonl"));
        Assert.True(apertium.ExitCode == 0, apertium.Error);
        var spanish = SyntheticCorpusJsonl.Read(scratch.File("spa.jsonl"));
        Assert.Equal(12, spanish.Count);
        Assert.All(spanish, s => Assert.StartsWith("apertium:eng-spa", s.Provenance.Label));
        Assert.Contains(spanish, s => s.Result.Text!.Contains(" un ") || s.Result.Text!.StartsWith("Un "));
    }

    [Fact]
    public async Task Bad_specs_and_arguments_exit_2_with_the_file_and_line()
    {
        using var scratch = TestData.Scratch();
        File.WriteAllLines(scratch.File("src"), ["a"]);
        File.WriteAllText(scratch.File("bad.yaml"), "type: openai\nbase_url: http://127.0.0.1:9/v1\nmodel: m\nprompt: '{source}'\nmax_tokens: lots\n");
        var bad = await InProcessCli.Invoke("generate", "-g", scratch.File("bad.yaml"), "--sources", scratch.File("src"), "--out", scratch.File("o.jsonl"));
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains($"{scratch.File("bad.yaml")}:5: 'max_tokens' must be a whole number", bad.Error);

        var noSources = await InProcessCli.Invoke("generate", "-g", "{type: apertium, mode: eng-spa}", "--out", scratch.File("o.jsonl"));
        Assert.Equal(2, noSources.ExitCode);
        Assert.Contains("--sources", noSources.Error);

        var missingKey = await InProcessCli.Invoke("generate", "-g", "{type: openai, base_url: 'http://127.0.0.1:9/v1', model: m, prompt: '{source}', api_key_env: REGURG_SURELY_UNSET_VARIABLE}", "--sources", scratch.File("src"), "--out", scratch.File("o.jsonl"));
        Assert.Equal(2, missingKey.ExitCode);
        Assert.Contains("REGURG_SURELY_UNSET_VARIABLE", missingKey.Error);
    }
}
