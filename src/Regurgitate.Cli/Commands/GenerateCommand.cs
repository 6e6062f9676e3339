using System.CommandLine;
using Regurgitate.IO;
using System.Globalization;
using Regurgitate.Corpora.Datasets;
using Regurgitate.Corpora.Formats;
using Regurgitate.Generators;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg generate`: make a synthetic corpus from sources with any generator spec, resumably.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var generator = new Option<string>("--generator", "-g") { Description = "generator spec: a YAML file or an inline fragment such as \"{type: apertium, mode: eng-spa}\" (see docs/generators.md)", Required = true };
        var sources = new Option<string?>("--sources", "-s") { Description = "source sentences, one per line (.gz ok)" };
        var corpus = new Option<string?>("--corpus") { Description = $"take the sources from the source side of a named dataset, {DatasetSpec.Syntax}" };
        var output = OutOption.Required("synthetic corpus to write (JSONL); OUT.progress holds finished segments until the run completes");
        var limit = new Option<int?>("--limit") { Description = "only the first N sources" };
        var batchSize = new Option<int?>("--batch-size") { Description = "sources per generator call and per checkpoint (default: the generator's)" };
        var retryFailed = new Option<bool>("--retry-failed") { Description = "on resume, generate again the segments that failed before" };
        var maxFailureRate = new Option<double?>("--max-failure-rate")
        {
            Description = "exit with code 1 when more than this share (0..1) of the segments failed; a run where every segment failed always does",
        };
        var command = new Command("generate", "Generate synthetic targets for source sentences (OpenAI-compatible endpoint, NMT checkpoint, Apertium or an imported file); rerun after a kill to resume.");
        foreach (var option in new Option[] { generator, sources, corpus, output, limit, batchSize, retryFailed, maxFailureRate }) command.Options.Add(option);
        CorpusArguments.AddSharedOptions(command);

        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            string outputPath = parse.GetValue(output)!;
            OutputFiles.Check((outputPath, "--out"));
            if (parse.GetValue(maxFailureRate) is double rate && !(rate is >= 0 and <= 1))
                throw new InputException($"--max-failure-rate must be between 0 and 1, not {rate.ToString(CultureInfo.InvariantCulture)}");
            var spec = GeneratorSpec.Load(parse.GetValue(generator)!);
            var lines = ReadSources(parse, parse.GetValue(sources), parse.GetValue(corpus));
            if (parse.GetValue(limit) is int n)
            {
                if (n < 1) throw new InputException($"--limit must be positive, not {n}");
                lines = lines.Take(n).ToList();
            }
            if (parse.GetValue(batchSize) is < 1) throw new InputException("--batch-size must be positive");

            var context = new GeneratorContext(
                CreateNmt: NmtGenerator.Create,
                // Reasons and waits only: requests, headers and keys are never logged.
                OnRetry: r => { lock (error) error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generate: segment retry {r.Retry} after {r.Reason}, waiting {r.Delay.TotalSeconds:0.0} s")); });
            var made = spec.Create(context);
            try
            {
                var run = new GenerationRun(made, lines, outputPath, parse.GetValue(batchSize));
                if (File.Exists(run.ProgressPath)) error.WriteLine($"generate: resuming from {run.ProgressPath}");
                GenerationSummary summary;
                try
                {
                    summary = await ConsoleProgress.RunAsync(parse, progress => run.RunAsync(progress, parse.GetValue(retryFailed), cancellationToken));
                }
                catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested)
                {
                    throw new InterruptedRunException(File.Exists(run.ProgressPath)
                        ? $"finished segments kept in {run.ProgressPath}; rerun the same command to resume"
                        : "nothing was generated yet", e);
                }
                var o = parse.InvocationConfiguration.Output;
                o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"generated {summary.Total} segments with {made.Name} into {run.OutputPath}: {summary.Generated} this run, {summary.Resumed} resumed, {summary.Cached} from cache, {summary.Failed} failed"));
                if (summary.Failed > 0) o.WriteLine($"failed segments and their reasons: {run.FailuresPath} (a rerun generates everything again; with a cache only the failures cost anything)");
                if (summary.Usage.TotalTokens > 0 || made is OpenAIChatGenerator)
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"tokens paid this run: {summary.Usage.InputTokens} input + {summary.Usage.OutputTokens} output = {summary.Usage.TotalTokens}"));
                if (made is OpenAIChatGenerator chat)
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests sent: {chat.Requests}"));
                // Failure must not look like success: a corpus with every segment failed, or too many, ends with code 1.
                double failedShare = summary.Total == 0 ? 0 : (double)summary.Failed / summary.Total;
                bool allFailed = summary.Total > 0 && summary.Failed == summary.Total;
                if (allFailed || parse.GetValue(maxFailureRate) is double limit && failedShare > limit)
                {
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"regurg: error: {summary.Failed} of {summary.Total} segments failed ({failedShare:P0}{(allFailed ? "" : $", above --max-failure-rate {parse.GetValue(maxFailureRate):0.###}")}), most often: {summary.CommonFailure}; reasons per segment in {run.FailuresPath}"));
                    return 1;
                }
                return 0;
            }
            finally
            {
                (made as IDisposable)?.Dispose();
            }
        });
        return Interruptible.Mark(command);
    }

    static List<string> ReadSources(ParseResult parse, string? sourcesPath, string? corpusSpec)
    {
        if ((sourcesPath == null) == (corpusSpec == null))
            throw new InputException("give the sources with exactly one of --sources FILE or --corpus DATASET");
        var options = new CorpusReadOptions(CorpusArguments.MaxLineLengthOf(parse));
        if (sourcesPath != null)
        {
            var lines = TextLines.ReadAll(sourcesPath, options.MaxLineLength);
            if (lines.Count == 0) throw new InputException("has no sources: the file is empty", sourcesPath);
            return lines;
        }
        return DatasetCatalog.Open(corpusSpec!, CorpusArguments.DataDirectoryOf(parse), options).Select(p => p.Source).ToList();
    }
}
