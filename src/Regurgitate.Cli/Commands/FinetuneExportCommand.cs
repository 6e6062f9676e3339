using System.CommandLine;
using Regurgitate.FineTuning;
using Regurgitate.IO;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg finetune export`: any corpus as chat fine-tuning JSONL, in the prompt the `openai` generator sends.</summary>
internal static class FinetuneExportCommand
{
    public static Command Create()
    {
        var command = new Command("export", "Write a corpus as chat fine-tuning JSONL ({\"messages\": [system, user, assistant]} per pair), in the `openai` generator's prompt.");
        var input = new CorpusArguments().AddTo(command);
        var valid = new CorpusArguments("valid-", "validation", required: false).AddTo(command);
        var format = new ChatFormatArguments().AddTo(command);
        var output = OutOption.Required("the training JSONL file to write");
        var validOut = new Option<string?>("--valid-out") { Description = "the validation JSONL file to write (with a --valid-* corpus)" };
        command.Options.Add(output);
        command.Options.Add(validOut);

        command.SetAction(parse =>
        {
            string path = parse.GetValue(output)!;
            string? validPath = parse.GetValue(validOut);
            if (valid.IsGiven(parse) != (validPath != null))
                throw new InputException("a validation corpus (--valid-corpus, --valid-tsv, ...) and --valid-out go together");
            OutputFiles.Check((path, "--out"), (validPath, "--valid-out"));
            var corpus = input.ResolveRequired(parse);
            var chat = format.Format(parse, corpus);
            var o = parse.InvocationConfiguration.Output;
            using (OutputLock.ForFile(path))
            {
                int count = ChatFineTuningJsonl.Write(path, corpus, chat);
                if (count == 0)
                {
                    // A streamed corpus shows it is empty only once read: take back the empty file.
                    File.Delete(path);
                    throw new InputException("the corpus is empty; nothing to fine-tune on", corpus.Name);
                }
                o.WriteLine($"wrote {count:N0} examples to {path}");
            }
            if (validPath != null)
            {
                using var _ = OutputLock.ForFile(validPath);
                int count = ChatFineTuningJsonl.Write(validPath, valid.ResolveRequired(parse), chat);
                o.WriteLine($"wrote {count:N0} validation examples to {validPath}");
            }
            return 0;
        });
        return command;
    }
}
