using System.CommandLine;
using Regurgitate.IO;
using Regurgitate.Corpora;
using Regurgitate.Corpora.Formats;
using Regurgitate.Corpora.Sampling;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg corpus split`: a seeded train/valid/test split that keeps groups (e.g. one source sentence's translations) whole.</summary>
internal static class CorpusSplitCommand
{
    public static Command Create()
    {
        var command = new Command("split",
            "Carve seeded valid and test sets out of a corpus, keeping every pair with the same --group-by key in one part, "
            + "and write train/valid/test files into --out-dir (written only when all three are complete).");
        var input = new CorpusArguments().AddTo(command);
        var valid = new Option<long>("--valid") { Description = "pairs in the validation set", Required = true };
        var test = new Option<long>("--test") { Description = "pairs in the test set", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "seed of the split", DefaultValueFactory = _ => 1 };
        var groupBy = new Option<string>("--group-by")
        {
            Description = "pairs sharing this stay together: source, target, or pair (no grouping beyond identical pairs)",
            DefaultValueFactory = _ => "source",
        }.AcceptOnlyFromAmong("source", "target", "pair");
        var outDir = new Option<string>("--out-dir") { Description = "folder for the three parts", Required = true };
        var format = new Option<string>("--out-format")
        {
            Description = "jsonl (keeps provenance), tsv, or moses (train.SRC + train.TGT)",
            DefaultValueFactory = _ => "jsonl",
        }.AcceptOnlyFromAmong("jsonl", "tsv", "moses");
        foreach (var option in new Option[] { valid, test, seed, groupBy, outDir, format }) command.Options.Add(option);
        command.SetAction(parse =>
        {
            long validPairs = parse.GetValue(valid), testPairs = parse.GetValue(test);
            if (validPairs < 0 || testPairs < 0) throw new InputException("--valid and --test must not be negative");
            var corpus = input.ResolveRequired(parse);
            Func<SentencePair, string> key = parse.GetValue(groupBy) switch
            {
                "target" => p => p.Target,
                "pair" => p => p.Source + "\t" + p.Target,
                _ => p => p.Source,
            };
            string directory = parse.GetValue(outDir)!;
            OutputFiles.CheckDirectory(directory, "--out-dir");
            string form = parse.GetValue(format)!;
            var output = parse.InvocationConfiguration.Output;
            ConsoleProgress.Run(parse, progress =>
            {
                var split = GroupedSplit.Compute(corpus.Reporting(progress, "group"), key, validPairs, testPairs, parse.GetValue(seed));
                RequireAskedSizes(split, validPairs, testPairs, parse.InvocationConfiguration.Error);
                var written = new List<string>();
                try
                {
                    foreach (var part in new[] { SplitPart.Train, SplitPart.Valid, SplitPart.Test })
                    {
                        string name = part.ToString().ToLowerInvariant();
                        var pairs = split.Select(corpus, part);
                        switch (form)
                        {
                            case "tsv":
                                TsvFile.Write(Path.Combine(directory, name + ".tsv"), pairs, provenanceColumns: true);
                                written.Add(Path.Combine(directory, name + ".tsv"));
                                break;
                            case "moses":
                                string source = Path.Combine(directory, $"{name}.{corpus.SourceLanguage ?? "src"}");
                                string target = Path.Combine(directory, $"{name}.{corpus.TargetLanguage ?? "tgt"}");
                                MosesFiles.Write(source, target, pairs);
                                written.Add(source);
                                written.Add(target);
                                break;
                            default:
                                JsonlFile.Write(Path.Combine(directory, name + ".jsonl"), pairs);
                                written.Add(Path.Combine(directory, name + ".jsonl"));
                                break;
                        }
                        output.WriteLine($"{name}: {split.CountOf(part):N0} pairs");
                    }
                }
                catch
                {
                    // All three parts or none: remove the parts already written.
                    foreach (var path in written.Where(File.Exists)) File.Delete(path);
                    throw;
                }
                return 0;
            });
            output.WriteLine($"wrote the split into {directory}");
            return 0;
        });
        return command;
    }

    // A corpus too small for the held-out parts is an error; whole groups that leave a part a little short are a warning.
    static void RequireAskedSizes(GroupedSplit split, long validPairs, long testPairs, TextWriter error)
    {
        long total = split.TrainPairs + split.ValidPairs + split.TestPairs;
        if (validPairs + testPairs >= total)
            throw new InputException($"the corpus has {total} pairs, too few for --valid {validPairs} and --test {testPairs} with any left to train on",
                hint: "ask for smaller held-out parts");
        foreach (var (name, asked, got) in new[] { ("valid", validPairs, split.ValidPairs), ("test", testPairs, split.TestPairs) })
            if (got < asked)
                error.WriteLine($"regurg: warning: the {name} part has {got} pairs, not the {asked} asked: groups are kept whole and the next one did not fit");
    }
}
