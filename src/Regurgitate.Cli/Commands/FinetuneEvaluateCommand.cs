using System.CommandLine;
using System.Globalization;
using Regurgitate.Generators;
using Regurgitate.IO;
using Regurgitate.Metrics;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// `regurg finetune evaluate`: translate a test corpus with a fine-tuned model through chat completions (the
/// `openai` generator: cached, retried), in the prompt it was fine-tuned on, and score it with BLEU and chrF.
/// </summary>
internal static class FinetuneEvaluateCommand
{
    public static Command Create()
    {
        var command = new Command("evaluate", "Translate a test corpus with a (fine-tuned) model through chat completions and score it (BLEU, chrF).");
        var model = new Option<string>("--model") { Description = "the model to ask, e.g. the job's fine_tuned_model", Required = true };
        var test = new CorpusArguments("test-", "test set", corpusExample: "multi30k:test_2016_flickr:de-en").AddTo(command);
        var format = new ChatFormatArguments().AddTo(command);
        var endpoint = new FineTuningEndpointArguments().AddTo(command);
        var output = OutOption.Optional("write the translations here, one per line");
        var cache = new Option<string?>("--cache") { Description = "reply cache directory: a rerun asks (and pays) only for what is missing" };
        var concurrency = new Option<int>("--concurrency") { Description = "requests in flight at once", DefaultValueFactory = _ => 4 };
        foreach (var option in new Option[] { model, output, cache, concurrency }) command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            string? outPath = parse.GetValue(output);
            OutputFiles.Check((outPath, "--out"));
            var corpus = test.ResolveRequired(parse);
            var pairs = corpus.ToList();
            if (pairs.Count == 0) throw new InputException("the test set is empty", corpus.Name);
            var settings = format.Format(parse, corpus).ChatSettings(endpoint.Url(parse), parse.GetValue(model)!) with
            {
                ApiKeyEnvironmentVariable = endpoint.KeyVariable(parse),
                CacheDirectory = parse.GetValue(cache),
                Concurrency = parse.GetValue(concurrency),
                // Translations are scored: the most likely one, not a sample.
                Temperature = 0,
            };
            var error = parse.InvocationConfiguration.Error;
            using var generator = new OpenAIChatGenerator(settings, retry => error.WriteLine($"retry {retry.Retry} of segment {retry.Segment + 1}: {retry.Reason}"));
            var results = await generator.GenerateAsync(pairs.Select(p => p.Source).ToList(), cancellationToken);

            var hypotheses = results.Select(r => r.Text ?? "").ToList();
            var references = pairs.Select(p => p.Target).ToList();
            if (outPath != null) AtomicFile.WriteAllLines(outPath, hypotheses);
            int failed = results.Count(r => !r.Succeeded);
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"{settings.Model} on {corpus.Name} ({pairs.Count:N0} segments, {failed:N0} without a translation, scored as empty)");
            o.WriteLine(new Bleu().CorpusScore(hypotheses, references).Format());
            o.WriteLine(new Chrf().CorpusScore(hypotheses, references).Format());
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"tokens: {generator.Usage.InputTokens:N0} in, {generator.Usage.OutputTokens:N0} out; {generator.Requests:N0} requests, {generator.CacheHits:N0} from the cache"));
            if (failed > 0)
                error.WriteLine("first failure: " + results.First(r => !r.Succeeded).Failure);
            return 0;
        });
        return command;
    }
}
