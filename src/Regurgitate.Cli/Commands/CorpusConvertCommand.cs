using System.CommandLine;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg corpus convert`: any input form to TSV, JSONL or a Moses pair, streaming and atomic.</summary>
internal static class CorpusConvertCommand
{
    public static Command Create()
    {
        var command = new Command("convert", "Convert a corpus between Moses files, TSV and JSONL (gzip by .gz); output appears only when complete.");
        var input = new CorpusArguments().AddTo(command);
        var output = new CorpusOutputArguments().AddTo(command);
        command.SetAction(parse =>
        {
            output.Validate(parse);
            var corpus = input.ResolveRequired(parse);
            var (pairs, where) = ConsoleProgress.Run(parse, progress => output.Write(parse, corpus.Reporting(progress, "convert")));
            parse.InvocationConfiguration.Output.WriteLine($"wrote {pairs:N0} pairs to {where}");
            return 0;
        });
        return command;
    }
}
