using System.CommandLine;
using Regurgitate.Corpora;
using Regurgitate.Corpora.Sampling;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg corpus sample`: the first N pairs, or a seeded random N that is stable across platforms.</summary>
internal static class CorpusSampleCommand
{
    public static Command Create()
    {
        var command = new Command("sample",
            "Write the first N pairs, or N pairs drawn with a seed (the same seed gives the same pairs everywhere, "
            + "and a smaller N with the same seed gives a subset of a larger one).");
        var input = new CorpusArguments().AddTo(command);
        var first = new Option<long?>("--first") { Description = "take the first N pairs" };
        var random = new Option<int?>("--random") { Description = "take N pairs chosen by --seed (kept in corpus order)" };
        var seed = new Option<ulong>("--seed") { Description = "seed for --random", DefaultValueFactory = _ => 1 };
        command.Options.Add(first);
        command.Options.Add(random);
        command.Options.Add(seed);
        var output = new CorpusOutputArguments().AddTo(command);
        command.SetAction(parse =>
        {
            long? firstN = parse.GetValue(first);
            int? randomN = parse.GetValue(random);
            if ((firstN == null) == (randomN == null)) throw new InputException("give exactly one of --first N or --random N");
            if (firstN < 0 || randomN < 0) throw new InputException("the sample size must not be negative");
            output.Validate(parse);
            var corpus = input.ResolveRequired(parse);
            var (pairs, where) = ConsoleProgress.Run(parse, progress =>
            {
                IEnumerable<SentencePair> chosen = firstN is long n
                    ? Subsets.First(corpus, n)
                    : Subsets.Random(corpus.Reporting(progress, "sample"), randomN!.Value, parse.GetValue(seed));
                return output.Write(parse, chosen);
            });
            parse.InvocationConfiguration.Output.WriteLine($"wrote {pairs:N0} pairs to {where}");
            return 0;
        });
        return command;
    }
}
