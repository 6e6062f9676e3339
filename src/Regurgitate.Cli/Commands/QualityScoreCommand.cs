using System.CommandLine;
using Regurgitate.Decoding;
using Regurgitate.Errors;
using Regurgitate.IO;
using Regurgitate.Quality;
using Regurgitate.Runtime;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg quality score`: per-pair quality scores of a synthetic corpus, written as JSONL beside it.</summary>
internal static class QualityScoreCommand
{
    public static Command Create()
    {
        var corpus = new Option<string?>("--corpus") { Description = "synthetic corpus to score (`regurg generate` JSONL)" };
        var src = new Option<string?>("--src") { Description = "instead of --corpus: sources, one per line (with --hyp)" };
        var hyp = new Option<string?>("--hyp") { Description = "instead of --corpus: generated targets aligned with --src" };
        var scores = new Option<string>("--scores")
        {
            Description = "comma-separated scores (higher = better): confidence (generator log-prob per token, needs --corpus), " +
                "scorer (our model's log-prob per token, needs --scorer-model), round-trip (chrF of the back-translation, needs --reverse-model), " +
                "agreement (chrF against other generators, needs --others), errors (0 if an error signal fires, else 1); combined is always written",
            Required = true,
        };
        var scorerModel = new Option<string?>("--scorer-model") { Description = "checkpoint or run directory of a source→target model trained on human data (for scorer)" };
        var reverseModel = new Option<string?>("--reverse-model") { Description = "checkpoint or run directory of a target→source model (for round-trip)" };
        var others = new Option<string?>("--others") { Description = "comma-separated other generators' outputs for the same sources: synthetic corpora (.jsonl, aligned by id) or plain files (line i = id i)" };
        var sourceLang = new Option<string>("--source-lang") { Description = "source language code, e.g. de", Required = true };
        var targetLang = new Option<string>("--target-lang") { Description = "target language code, e.g. en: decides which scripts are foreign for errors", Required = true };
        var output = new Option<string?>("--out") { Description = "per-pair scores as JSONL (default: beside the corpus, e.g. corpus.quality.jsonl)" };
        var batchSize = new Option<int>("--batch-size") { Description = "sentences per batch for the model scores", DefaultValueFactory = _ => 64 };
        var threads = ComputeOptions.Threads();
        var device = ComputeOptions.Device();
        var format = new Option<string>("--format") { Description = "summary as table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("score",
            "Scores every pair of a synthetic corpus without a human reference and writes one JSON line per pair " +
            "(id, target, each score, combined, error flags). combined is the mean z-score of the scores; pairs flagged " +
            "by the reference-free error signals (empty, copied source, loop, length outlier, foreign script) always rank last. " +
            "Prints per score the mean and quantiles.");
        foreach (var option in new Option[] { corpus, src, hyp, scores, scorerModel, reverseModel, others, sourceLang, targetLang, output, batchSize, threads, device, format })
            command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            string? corpusPath = parse.GetValue(corpus), srcPath = parse.GetValue(src), hypPath = parse.GetValue(hyp);
            if (corpusPath == null && (srcPath == null || hypPath == null))
                throw new InputException("give --corpus, or --src and --hyp");
            if (corpusPath != null && (srcPath != null || hypPath != null))
                throw new InputException("--corpus excludes --src and --hyp");
            var names = ParseScores(parse.GetValue(scores)!);
            string? scorerPath = parse.GetValue(scorerModel), reversePath = parse.GetValue(reverseModel);
            var otherPaths = (parse.GetValue(others) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (names.Contains(QualityScoreNames.Confidence) && corpusPath == null)
                throw new InputException("--scores confidence needs --corpus: plain files carry no generator log-probabilities");
            RequireModel(names, QualityScoreNames.Scorer, scorerPath, "--scorer-model");
            RequireModel(names, QualityScoreNames.RoundTrip, reversePath, "--reverse-model");
            if (names.Contains(QualityScoreNames.Agreement) && otherPaths.Length == 0)
                throw new InputException("--scores agreement needs --others", hint: "name the other generators' outputs for the same sources");
            string target = parse.GetValue(targetLang)!;
            var scripts = TargetScripts.For(target) ?? throw new InputException($"--target-lang: no script known for language '{target}'",
                hint: "known: " + string.Join(", ", TargetScripts.KnownLanguages));
            string outPath = parse.GetValue(output) ?? QualityJsonl.PathFor(corpusPath ?? hypPath!);
            OutputFiles.Check((outPath, "--out"));

            var pairs = corpusPath != null ? QualityCorpus.ReadSyntheticCorpus(corpusPath) : QualityCorpus.ReadPlain(srcPath!, hypPath!);
            TorchRuntime.SetThreads(parse.GetValue(threads));
            var errorOptions = ErrorOptions.Defaults with { TargetScripts = scripts };
            var translators = new List<Translator>();
            try
            {
                var chosen = new List<IQualityScore>();
                foreach (var name in names)
                {
                    chosen.Add(name switch
                    {
                        QualityScoreNames.Confidence => new ConfidenceScore(),
                        QualityScoreNames.Scorer => new ScorerModelScore(Load(scorerPath!, parse.GetValue(device)!, translators), parse.GetValue(batchSize)),
                        QualityScoreNames.RoundTrip => new RoundTripScore(Load(reversePath!, parse.GetValue(device)!, translators),
                            DecodingOptions.Greedy with { BatchSize = parse.GetValue(batchSize) }),
                        QualityScoreNames.Agreement => new AgreementScore([.. otherPaths.Select(p => QualityCorpus.ReadOtherTargets(p, pairs, corpusPath == null ? pairs.Count : null))]),
                        _ => new ErrorFreeScore(errorOptions),
                    });
                }
                var quality = QualityScoring.Score(pairs, chosen, errorOptions, cancellationToken);
                QualityJsonl.Write(outPath, quality);
                var writer = parse.InvocationConfiguration.Output;
                if (parse.GetValue(format) == "json") QualityReportWriter.WriteSummaryJson(writer, quality, outPath);
                else QualityReportWriter.WriteSummaryTable(writer, quality, outPath);
            }
            finally
            {
                foreach (var translator in translators) translator.Dispose();
            }
            return Task.FromResult(0);
        });
        return command;
    }

    static List<string> ParseScores(string list)
    {
        var names = new List<string>();
        foreach (var raw in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            string name = raw.ToLowerInvariant();
            if (name == QualityScoreNames.Combined) continue; // always written
            if (!QualityScoreNames.All.Contains(name))
                throw new InputException($"--scores: unknown score '{raw}'", hint: "one of " + string.Join(", ", QualityScoreNames.All));
            if (!names.Contains(name)) names.Add(name);
        }
        if (names.Count == 0) throw new InputException("--scores: no score given", hint: "one or more of " + string.Join(", ", QualityScoreNames.All));
        return names;
    }

    static void RequireModel(List<string> names, string score, string? path, string option)
    {
        if (!names.Contains(score)) return;
        if (path == null) throw new InputException($"--scores {score} needs {option}");
        if (!Directory.Exists(path)) throw new InputException($"no such model directory ({option})", path, hint: "a checkpoint or run directory of `regurg train`");
    }

    static Translator Load(string path, string device, List<Translator> loaded)
    {
        var translator = Translator.Load(path, device);
        loaded.Add(translator);
        return translator;
    }
}
