using System.CommandLine;
using Regurgitate.Cli;
using Regurgitate.Corpora;

namespace Regurgitate.Tests;

/// <summary>How other commands (train, generate, diversity) reuse the corpus options.</summary>
public class CorpusArgumentsTests
{
    static (Command Command, CorpusArguments Input, CorpusArguments Reference) TwoCorpusCommand()
    {
        var command = new Command("compare");
        var input = new CorpusArguments().AddTo(command);
        var reference = new CorpusArguments("reference-", role: "reference", required: false).AddTo(command);
        return (command, input, reference);
    }

    [Fact]
    public void A_command_can_take_an_input_and_an_optional_prefixed_second_corpus()
    {
        var (command, input, reference) = TwoCorpusCommand();
        Assert.Single(command.Options, o => o.Name == CorpusArguments.DataDirOption);
        var parse = command.Parse(["--corpus", "multi30k:val:de-en", "--reference-corpus", "wmt17-systems:KIT.4950:en-de", "--data-dir", TestData.Root]);
        Assert.Empty(parse.Errors);
        Corpus first = input.ResolveRequired(parse);
        Corpus second = reference.Resolve(parse)!;
        Assert.Equal("multi30k:val:de-en", first.Name);
        Assert.Equal(("de", "en"), (first.SourceLanguage, first.TargetLanguage));
        Assert.Equal("KIT.4950", second.First().Provenance.Generator);
        Assert.Equal(1_014, first.KnownCount);

        var without = command.Parse(["--corpus", "multi30k:val:de-en", "--data-dir", TestData.Root]);
        Assert.False(reference.IsGiven(without));
        Assert.Null(reference.Resolve(without));
        var e = Assert.Throws<InputException>(() => input.Resolve(command.Parse(["--data-dir", TestData.Root])));
        Assert.Contains("--source/--target, --tsv, --jsonl or --corpus", e.Message);
    }

    [Fact]
    public void Resolving_is_lazy_nothing_is_read_until_enumerated()
    {
        using var scratch = TestData.Scratch();
        File.WriteAllText(scratch.File("a.tsv"), "bad line without tab\n");
        var (command, input, _) = TwoCorpusCommand();
        var corpus = input.ResolveRequired(command.Parse(["--tsv", scratch.File("a.tsv")]));
        var e = Assert.Throws<InputException>(() => corpus.First());
        Assert.Equal(1, e.Line);
    }
}
