using System.Collections.Concurrent;
using Regurgitate.Generators;
using Regurgitate.Serving;

namespace Regurgitate.Tests;

/// <summary>The endpoint generator against a real `regurg serve` on a loopback port, backed by Multi30k's human translations.</summary>
public class OpenAIChatGeneratorTests
{
    static readonly PromptTemplate Prompt = new(PromptTemplate.Default);

    static async Task<(TranslationServer Server, List<string> German, List<string> English)> Serve(
        int count, string? faults = null, string? apiKey = null, TimeSpan? retryAfter = null)
    {
        var (german, english) = TestData.Multi30kTest(count);
        var backend = FileLookupBackend.FromPairs("multi30k-reference", german.Zip(english));
        var server = await TranslationServer.StartAsync(backend, new TranslationServerOptions
        {
            Port = 0,
            Prompt = Prompt,
            Faults = faults == null ? FaultPlan.None : FaultPlan.Parse(faults),
            RetryAfter = retryAfter ?? TimeSpan.FromMilliseconds(200),
            ApiKey = apiKey,
        });
        return (server, german, english);
    }

    static OpenAIChatSettings Settings(TranslationServer server) =>
        new(server.BaseUrl, server.ModelName, Prompt, "German", "English")
        {
            Temperature = 0,
            MaxTokens = 256,
            Concurrency = 4,
            MaxRetries = 6,
            Timeout = TimeSpan.FromSeconds(30),
            Backoff = new RetryBackoff(TimeSpan.FromMilliseconds(20), TimeSpan.FromSeconds(5)),
        };

    [Fact]
    public async Task Translates_real_sentences_over_http_with_token_usage()
    {
        var (server, german, english) = await Serve(24);
        await using var _ = server;
        using var generator = new OpenAIChatGenerator(Settings(server));

        var results = await generator.GenerateAsync(german);

        Assert.Equal(english, results.Select(r => r.Text));
        Assert.All(results, r => Assert.Null(r.Failure));
        Assert.Equal(24, server.Translated);
        Assert.Equal(24, generator.Requests);
        // The server counts words; the generator must carry the reply's usage through.
        Assert.Equal(english.Sum(e => e.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length), generator.Usage.OutputTokens);
        Assert.True(generator.Usage.InputTokens > generator.Usage.OutputTokens);
        Assert.All(results, r => Assert.NotNull(r.Usage));
        Assert.StartsWith("openai:multi30k-reference", generator.Provenance.Label);
        Assert.Contains("temperature=0", generator.Provenance.Settings);
    }

    [Fact]
    public async Task Retries_through_429_500_timeout_and_malformed_replies_then_succeeds()
    {
        var (server, german, english) = await Serve(2, faults: "429,500,timeout,malformed,ok");
        await using var _ = server;
        var retries = new ConcurrentQueue<RetryAttempt>();
        // One request at a time so the fault cycle lines up with attempts: each segment meets all four faults.
        // The client timeout is generous so that only the injected hang (60 s), never a slow machine, times out:
        // 2 s was once too short for an ordinary reply while every test project ran at once on 2 cores.
        using var generator = new OpenAIChatGenerator(Settings(server) with { Concurrency = 1, Timeout = TimeSpan.FromSeconds(6) }, retries.Enqueue);

        var results = await generator.GenerateAsync(german);

        Assert.Equal(english, results.Select(r => r.Text));
        Assert.All(results, r => Assert.Equal(5, r.Attempts));
        Assert.Equal(10, server.Requests);
        var reasons = retries.Select(r => r.Reason).ToList();
        Assert.Equal(2, reasons.Count(r => r == "HTTP 429"));
        Assert.Equal(2, reasons.Count(r => r == "HTTP 500"));
        Assert.Equal(2, reasons.Count(r => r.StartsWith("timeout after 6 s", StringComparison.Ordinal)));
        Assert.Equal(2, reasons.Count(r => r.StartsWith("malformed reply", StringComparison.Ordinal)));
        // Retry-After is honoured: the wait after a 429 is at least what the server asked for.
        Assert.All(retries.Where(r => r.Reason == "HTTP 429"), r =>
        {
            Assert.Equal(TimeSpan.FromMilliseconds(200), r.RetryAfter);
            Assert.True(r.Delay >= TimeSpan.FromMilliseconds(200), $"waited {r.Delay} after Retry-After 200 ms");
        });
        Assert.All(retries.Where(r => r.Reason != "HTTP 429"), r => Assert.Null(r.RetryAfter));
    }

    [Fact]
    public async Task Seeded_random_faults_are_all_retried_away_at_concurrency()
    {
        var (server, german, english) = await Serve(40, faults: "429:0.2,500:0.1,timeout:0.05,malformed:0.05");
        await using var _ = server;
        var retries = new ConcurrentQueue<RetryAttempt>();
        using var generator = new OpenAIChatGenerator(Settings(server) with { Concurrency = 6, MaxRetries = 12, Timeout = TimeSpan.FromSeconds(2) }, retries.Enqueue);

        var results = await generator.GenerateAsync(german);

        Assert.Equal(english, results.Select(r => r.Text));
        // About 40% of requests fault, so a clean run is impossible. Every injected fault costs one
        // retry; a heavily loaded machine may add a client-side timeout of its own, never remove one.
        Assert.True(server.FaultsInjected >= 8, $"{server.FaultsInjected} faults");
        Assert.True(retries.Count >= server.FaultsInjected, $"{retries.Count} retries for {server.FaultsInjected} faults");
        Assert.Equal(server.Requests, generator.Requests);
        Assert.Equal(40 + retries.Count, server.Requests);
        Assert.Equal(results.Sum(r => r.Attempts), server.Requests);
    }

    [Fact]
    public async Task Backoff_grows_exponentially_within_its_cap()
    {
        var backoff = new RetryBackoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(1000));
        var random = new Random(3);
        for (int retry = 1; retry <= 8; retry++)
        {
            double ceiling = Math.Min(1000, 100 * Math.Pow(2, retry - 1));
            var delays = Enumerable.Range(0, 200).Select(_ => backoff.Delay(retry, null, random).TotalMilliseconds).ToList();
            Assert.All(delays, d => Assert.InRange(d, 0, ceiling));
            // Full jitter spreads the waits over the range rather than piling them at one value.
            Assert.True(delays.Max() - delays.Min() > ceiling / 2);
        }
        Assert.True(backoff.Delay(1, TimeSpan.FromSeconds(30), random) == TimeSpan.FromMilliseconds(1000), "Retry-After is capped by the maximum wait");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Gives_up_after_max_retries_and_records_the_reason()
    {
        var (server, german, _) = await Serve(1, faults: "500");
        await using var _ = server;
        using var generator = new OpenAIChatGenerator(Settings(server) with { MaxRetries = 2 });

        var result = (await generator.GenerateAsync(german)).Single();

        Assert.Null(result.Text);
        Assert.Equal("HTTP 500 (gave up after 3 attempts)", result.Failure);
        Assert.Equal(3, server.Requests);
    }

    [Fact]
    public async Task Malformed_and_empty_replies_are_failures_with_reasons()
    {
        var (server, german, _) = await Serve(2, faults: "malformed,empty");
        await using var _ = server;
        using var generator = new OpenAIChatGenerator(Settings(server) with { MaxRetries = 0, Concurrency = 1 });

        var results = await generator.GenerateAsync(german);

        Assert.StartsWith("malformed reply", results[0].Failure);
        Assert.Equal("empty reply (finish_reason: stop)", results[1].Failure);
        Assert.All(results, r => Assert.Null(r.Text));
    }

    [Fact]
    public async Task A_source_the_backend_cannot_translate_fails_without_retries()
    {
        var (server, _, _) = await Serve(3);
        await using var _ = server;
        using var generator = new OpenAIChatGenerator(Settings(server));

        var result = (await generator.GenerateAsync(["Dieser Satz steht nicht in der Datei."])).Single();

        Assert.Equal("HTTP 422: source not found in the imported translations", result.Failure);
        Assert.Equal(1, server.Requests);
    }

    [Fact]
    public async Task Second_run_is_answered_from_the_cache_without_requests()
    {
        var (server, german, english) = await Serve(12, faults: "ok,ok,ok,500");
        await using var _ = server;
        string cache = TestData.TemporaryDirectory("regurg-serving-");
        try
        {
            var settings = Settings(server) with { CacheDirectory = cache };
            using (var first = new OpenAIChatGenerator(settings))
            {
                Assert.Equal(english, (await first.GenerateAsync(german)).Select(r => r.Text));
                Assert.Equal(0, first.CacheHits);
            }
            long requestsAfterFirstRun = server.Requests;
            Assert.Equal(12, new CompletionCache(cache).Count);

            using var second = new OpenAIChatGenerator(settings);
            var again = await second.GenerateAsync(german);

            Assert.Equal(requestsAfterFirstRun, server.Requests);
            Assert.Equal(english, again.Select(r => r.Text));
            Assert.All(again, r => Assert.True(r.Cached));
            Assert.Equal(12, second.CacheHits);
            Assert.Equal(TokenUsage.Zero, second.Usage);

            // A different setting is a different request: the cache must not answer it.
            using var hotter = new OpenAIChatGenerator(settings with { Temperature = 0.7f });
            await hotter.GenerateAsync(german.Take(2).ToList());
            Assert.Equal(0, hotter.CacheHits);
            Assert.True(server.Requests > requestsAfterFirstRun);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public async Task Api_key_comes_from_the_environment_and_is_written_nowhere()
    {
        string key = "sk-regurg-test-" + Guid.NewGuid().ToString("N");
        string variable = "REGURG_TEST_KEY_" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var (server, german, english) = await Serve(6, apiKey: key);
        await using var _ = server;
        string cache = TestData.TemporaryDirectory("regurg-serving-");
        Environment.SetEnvironmentVariable(variable, key);
        try
        {
            var retries = new List<string>();
            using var generator = new OpenAIChatGenerator(Settings(server) with { CacheDirectory = cache, ApiKeyEnvironmentVariable = variable },
                r => retries.Add(r.ToString()));
            var results = await generator.GenerateAsync(german);

            // The server demands the key, so success proves it was sent.
            Assert.Equal(english, results.Select(r => r.Text));
            Assert.DoesNotContain(key, generator.Provenance.ToString());
            Assert.All(results, r => Assert.DoesNotContain(key, r.ToString()));
            foreach (var file in Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories))
                Assert.DoesNotContain(key, File.ReadAllText(file));

            // Without the key, or with a wrong one, the run stops with a clear input error.
            using var unauthenticated = new OpenAIChatGenerator(Settings(server));
            var error = await Assert.ThrowsAsync<InputException>(() => unauthenticated.GenerateAsync(german.Take(1).ToList()));
            Assert.Contains("HTTP 401", error.Message);
            Environment.SetEnvironmentVariable(variable, null);
            var missing = Assert.Throws<InputException>(() => new OpenAIChatGenerator(Settings(server) with { ApiKeyEnvironmentVariable = variable }));
            Assert.Contains(variable, missing.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            Directory.Delete(cache, recursive: true);
        }
    }
}
