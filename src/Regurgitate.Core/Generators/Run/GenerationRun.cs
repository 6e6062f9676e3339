using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.Progress;

namespace Regurgitate.Generators;

/// <summary>
/// Generates a synthetic corpus for a list of sources and survives being killed. Finished
/// segments are appended, each with its id, to "OUT.progress" after every batch; a rerun reads
/// it back and generates only what is missing. When every segment is done the ordered corpus is
/// written to OUT atomically (failed segments to OUT.failures.jsonl) and the progress file is
/// removed, so OUT is always either absent, the previous version, or complete.
/// </summary>
public sealed class GenerationRun
{
    const string ProgressFormat = "regurgitate-generate-progress/1";

    readonly IGenerator generator;
    readonly IReadOnlyList<string> sources;
    readonly int batchSize;

    /// <param name="generator">What makes the targets.</param>
    /// <param name="sources">The source sentences, in corpus order.</param>
    /// <param name="outputPath">The JSONL corpus to write.</param>
    /// <param name="batchSize">Sources per generator call (and per checkpoint); defaults to the generator's preference.</param>
    public GenerationRun(IGenerator generator, IReadOnlyList<string> sources, string outputPath, int? batchSize = null)
    {
        if (batchSize is < 1) throw new ArgumentOutOfRangeException(nameof(batchSize));
        this.generator = generator;
        this.sources = sources;
        OutputPath = Path.GetFullPath(outputPath);
        this.batchSize = generator.BatchSize == null ? Math.Max(1, sources.Count) : batchSize ?? generator.BatchSize.Value;
    }

    /// <summary>The corpus written at the end.</summary>
    public string OutputPath { get; }

    /// <summary>The segments that failed, with their reasons (written only when there are any).</summary>
    public string FailuresPath => SyntheticCorpusJsonl.FailuresPathFor(OutputPath);

    /// <summary>The append-only record of finished segments.</summary>
    public string ProgressPath => OutputPath + ".progress";

    /// <summary>Generates what is missing and writes the corpus.</summary>
    /// <param name="progress">Told after every batch (segments done, rate, ETA).</param>
    /// <param name="retryFailed">Regenerate segments that failed in an earlier, interrupted run.</param>
    /// <param name="cancellationToken">Stops after the batch in flight; what is done stays in the progress file.</param>
    public async Task<GenerationSummary> RunAsync(IProgress<ProgressUpdate>? progress = null, bool retryFailed = false, CancellationToken cancellationToken = default)
    {
        // One writer per output: a second run on the same OUT would pay for every segment again.
        using var outputLock = OutputLock.ForFile(OutputPath);
        bool hadProgress = File.Exists(ProgressPath);
        try
        {
            return await GenerateAsync(progress, retryFailed, cancellationToken).ConfigureAwait(false);
        }
        catch when (!hadProgress && ProgressHoldsNoSegment())
        {
            // Failed (or stopped) before the first segment was kept: leave nothing behind, not even the header.
            File.Delete(ProgressPath);
            throw;
        }
    }

    bool ProgressHoldsNoSegment()
    {
        try { return File.Exists(ProgressPath) && File.ReadLines(ProgressPath).Count(l => l.Length > 0) <= 1; }
        catch (IOException) { return false; }
    }

    async Task<GenerationSummary> GenerateAsync(IProgress<ProgressUpdate>? progress, bool retryFailed, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string header = Header();
        // A positional generator (file import) answers the whole corpus at once, so there is nothing to resume.
        var done = generator.BatchSize == null ? new Dictionary<long, SyntheticSegment>() : ReadProgress(header);
        if (retryFailed) foreach (var id in done.Where(kv => !kv.Value.Result.Succeeded).Select(kv => kv.Key).ToList()) done.Remove(id);
        int resumed = done.Count;
        var missing = Enumerable.Range(0, sources.Count).Where(i => !done.ContainsKey(i + 1L)).ToList();

        int generated = 0, cached = 0;
        var usage = TokenUsage.Zero;
        progress?.Report(Update(done.Count, done.Values.Count(s => !s.Result.Succeeded), cached));
        if (missing.Count > 0)
        {
            using var log = OpenProgressForAppend(header, rewrite: generator.BatchSize == null || retryFailed, done.Values);
            using var writer = new StreamWriter(log, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var batch in missing.Chunk(batchSize))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batchSources = batch.Select(i => sources[i]).ToList();
                var results = await generator.GenerateAsync(batchSources, cancellationToken).ConfigureAwait(false);
                if (results.Count != batch.Length)
                    throw new InvalidOperationException($"generator {generator.Name} returned {results.Count} results for {batch.Length} sources");
                for (int k = 0; k < batch.Length; k++)
                {
                    var segment = new SyntheticSegment(batch[k] + 1L, batchSources[k], results[k], generator.Provenance);
                    done[segment.Id] = segment;
                    writer.WriteLine(SyntheticCorpusJsonl.Format(segment));
                    if (results[k].Cached) cached++;
                    else if (results[k].Usage is TokenUsage u) usage += u;
                }
                // Flushed to disk per batch: a kill loses at most the batch in flight.
                writer.Flush();
                log.Flush(flushToDisk: true);
                generated += batch.Length;
                progress?.Report(Update(done.Count, done.Values.Count(s => !s.Result.Succeeded), cached));
            }
        }

        // The corpus holds only real pairs, so training reads it as is; failures and their reasons go beside it.
        var ordered = done.Values.OrderBy(s => s.Id).ToList();
        var failures = ordered.Where(s => !s.Result.Succeeded).ToList();
        if (failures.Count > 0) AtomicFile.WriteAllLines(FailuresPath, failures.Select(SyntheticCorpusJsonl.Format));
        else File.Delete(FailuresPath);
        AtomicFile.WriteAllLines(OutputPath, ordered.Where(s => s.Result.Succeeded).Select(SyntheticCorpusJsonl.Format));
        File.Delete(ProgressPath);
        string? commonFailure = failures.GroupBy(s => s.Result.Failure ?? "unknown").OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return new GenerationSummary(sources.Count, resumed, generated, failures.Count, cached, usage, clock.Elapsed, commonFailure);
    }

    // The reporter derives rate and ETA from successive updates; the detail adds what only the run knows.
    ProgressUpdate Update(int done, int failed, int cached) =>
        new("generate", done, sources.Count, "segments", $"{failed} failed, {cached} from cache");

    /// <summary>Identifies the run: the same generator settings on the same sources. Resuming anything else would mix corpora.</summary>
    string Header()
    {
        var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var source in sources) hash.AppendData(Encoding.UTF8.GetBytes(source + "\n"));
        return new JsonObject
        {
            ["format"] = ProgressFormat,
            ["generator"] = generator.Provenance.Generator,
            ["settings"] = generator.Provenance.Settings,
            ["sources"] = sources.Count,
            ["sources_sha256"] = Convert.ToHexStringLower(hash.GetHashAndReset()),
        }.ToJsonString();
    }

    Dictionary<long, SyntheticSegment> ReadProgress(string header)
    {
        var done = new Dictionary<long, SyntheticSegment>();
        if (!File.Exists(ProgressPath)) return done;
        byte[] bytes = File.ReadAllBytes(ProgressPath);
        // Only whole lines count: a kill mid-write leaves a torn last line, which is dropped (and truncated away before appending).
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length == 0) return done;
        if (lines[0] != header)
            throw new InputException("is the progress file of a different run (other generator settings or other sources)", ProgressPath, 1,
                "delete it to start over, or write to another --out");
        for (int n = 1; n < lines.Length; n++)
        {
            var segment = SyntheticCorpusJsonl.Parse(lines[n], ProgressPath, n + 1);
            if (segment.Id < 1 || segment.Id > sources.Count || sources[(int)segment.Id - 1] != segment.Source)
                throw new InputException($"segment {segment.Id} does not match the sources", ProgressPath, n + 1, "delete the progress file to start over");
            done[segment.Id] = segment;
        }
        return done;
    }

    FileStream OpenProgressForAppend(string header, bool rewrite, IEnumerable<SyntheticSegment> keep)
    {
        if (rewrite || !File.Exists(ProgressPath))
        {
            // Start the log afresh (atomically), carrying over what is kept.
            AtomicFile.WriteAllLines(ProgressPath, new[] { header }.Concat(keep.OrderBy(s => s.Id).Select(SyntheticCorpusJsonl.Format)));
        }
        var stream = new FileStream(ProgressPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        // Cut a torn last line so the next record starts on a line of its own.
        var buffer = new byte[1];
        long length = stream.Length;
        while (length > 0)
        {
            stream.Position = length - 1;
            stream.ReadExactly(buffer);
            if (buffer[0] == (byte)'\n') break;
            length--;
        }
        stream.SetLength(length);
        stream.Position = length;
        if (length == 0)
        {
            // Killed before the header was whole: begin again with it.
            var bytes = Encoding.UTF8.GetBytes(header + "\n");
            stream.Write(bytes);
        }
        return stream;
    }
}
