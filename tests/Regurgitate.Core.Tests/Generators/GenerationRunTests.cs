using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.Generators;
using Regurgitate.Progress;

namespace Regurgitate.Tests.Generators;

public class GenerationRunTests
{
    /// <summary>Wraps a generator, records what it was asked, and cancels after a number of calls (a kill in the middle of a run).</summary>
    sealed class Recording(IGenerator inner, CancellationTokenSource? cancelAfter = null, int calls = int.MaxValue) : IGenerator
    {
        public List<string> Asked { get; } = [];
        int made;
        public string Name => inner.Name;
        public Provenance Provenance => inner.Provenance;
        public int? BatchSize => inner.BatchSize;

        public async Task<IReadOnlyList<GeneratedSegment>> GenerateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
        {
            Asked.AddRange(sources);
            var results = await inner.GenerateAsync(sources, cancellationToken);
            if (++made == calls) cancelAfter?.Cancel();
            return results;
        }
    }

    static (List<string> German, BackendGenerator Generator) Multi30k(int count)
    {
        var german = TestData.GzipLines("multi30k/train.de.gz", count);
        var english = TestData.GzipLines("multi30k/train.en.gz", count);
        // Drop a few translations so the corpus also carries recorded failures.
        var pairs = german.Zip(english).Where((_, i) => i % 17 != 5);
        return (german, new BackendGenerator(FileLookupBackend.FromPairs("multi30k-human", pairs), batchSize: 10));
    }

    /// <summary>The corpus without latency, which is a measurement and differs between any two runs.</summary>
    static List<string> WithoutLatency(string path) =>
        File.ReadAllLines(path).Select(line => { var o = JsonNode.Parse(line)!.AsObject(); o["meta"]!.AsObject().Remove("latency_ms"); return o.ToJsonString(); }).ToList();

    [Fact]
    public async Task Resume_after_a_kill_generates_only_the_missing_segments_and_gives_the_same_corpus()
    {
        string dir = TestData.TemporaryDirectory("regurg-generators-");
        try
        {
            var (german, generator) = Multi30k(100);
            string reference = Path.Combine(dir, "reference.jsonl");
            await new GenerationRun(generator, german, reference).RunAsync();

            string output = Path.Combine(dir, "resumed.jsonl");
            using var kill = new CancellationTokenSource();
            var first = new Recording(generator, kill, calls: 4);
            var interrupted = new GenerationRun(first, german, output);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => interrupted.RunAsync(cancellationToken: kill.Token));
            Assert.False(File.Exists(output));
            Assert.True(File.Exists(interrupted.ProgressPath));
            // A kill in the middle of a write leaves a torn line; resuming must cope with it.
            File.AppendAllText(interrupted.ProgressPath, "{\"id\": 41, \"sour");

            var second = new Recording(generator);
            var updates = new List<ProgressUpdate>();
            var summary = await new GenerationRun(second, german, output).RunAsync(new SynchronousProgress(updates.Add));

            Assert.Equal(german.Skip(40), second.Asked);
            Assert.Equal(40, summary.Resumed);
            Assert.Equal(60, summary.Generated);
            Assert.Equal(WithoutLatency(reference), WithoutLatency(output));
            Assert.Equal(WithoutLatency(SyntheticCorpusJsonl.FailuresPathFor(reference)), WithoutLatency(SyntheticCorpusJsonl.FailuresPathFor(output)));
            Assert.False(File.Exists(interrupted.ProgressPath));
            Assert.Equal(100, updates[^1].Done);
            Assert.Equal(100, updates[^1].Total);
            Assert.Equal("6 failed, 0 from cache", updates[^1].Detail);

            // The corpus holds the 94 real pairs in order; the 6 failures, with reasons, are beside it.
            var corpus = SyntheticCorpusJsonl.Read(output);
            var failures = SyntheticCorpusJsonl.Read(SyntheticCorpusJsonl.FailuresPathFor(output));
            Assert.Equal(Enumerable.Range(1, 100).Where(i => (i - 1) % 17 != 5).Select(i => (long)i), corpus.Select(s => s.Id));
            Assert.All(corpus, s => Assert.True(s.Result.Succeeded));
            Assert.Equal(new long[] { 6, 23, 40, 57, 74, 91 }, failures.Select(s => s.Id));
            Assert.All(failures, s => Assert.Equal("source not found in the imported translations", s.Result.Failure));
            Assert.Equal(summary.Failed, failures.Count);
            // The corpus layer reads the output as an ordinary JSONL corpus (e.g. `regurg train --train-jsonl`).
            var pairs = Regurgitate.Corpora.Formats.JsonlFile.Read(output).ToList();
            Assert.Equal(corpus.Select(s => s.Result.Text), pairs.Select(p => p.Target));
            Assert.All(pairs, p => Assert.Equal(generator.Provenance, p.Provenance));
            Assert.All(corpus, s => Assert.Equal(generator.Provenance, s.Provenance));
            Assert.Equal(TestData.GzipLines("multi30k/train.en.gz", 1)[0], corpus[0].ToSentencePair()!.Target);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Progress_of_another_run_is_refused()
    {
        string dir = TestData.TemporaryDirectory("regurg-generators-");
        try
        {
            var (german, generator) = Multi30k(30);
            string output = Path.Combine(dir, "out.jsonl");
            using var kill = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new GenerationRun(new Recording(generator, kill, 1), german, output).RunAsync(cancellationToken: kill.Token));

            var otherSources = german.Skip(1).ToList();
            var error = await Assert.ThrowsAsync<InputException>(() => new GenerationRun(generator, otherSources, output).RunAsync());
            Assert.EndsWith(".progress", error.File);
            Assert.Contains("different run", error.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Failed_segments_can_be_retried_on_resume()
    {
        string dir = TestData.TemporaryDirectory("regurg-generators-");
        try
        {
            var (german, generator) = Multi30k(40);
            string output = Path.Combine(dir, "out.jsonl");
            using var kill = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                new GenerationRun(new Recording(generator, kill, 2), german, output).RunAsync(cancellationToken: kill.Token));

            var second = new Recording(generator);
            await new GenerationRun(second, german, output).RunAsync(retryFailed: true);
            // Id 6 is the one failure among the first 20; it is asked again along with the 20 never done.
            Assert.Equal(new[] { german[5] }.Concat(german.Skip(20)), second.Asked);
        }
        finally { Directory.Delete(dir, true); }
    }

    sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
