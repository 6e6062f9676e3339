using System.CommandLine;
using Regurgitate.IO;
using System.Diagnostics;
using System.Globalization;
using Regurgitate.Corpora.Formats;
using Regurgitate.Tokenization;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg tokenizer train|encode|decode`: learn a joint BPE vocabulary and look at what it does.</summary>
internal static class TokenizerCommand
{
    public static Command Create()
    {
        var command = new Command("tokenizer", "Train a joint subword (BPE, byte fallback) tokenizer and encode or decode text with it.");
        command.Subcommands.Add(CreateTrain());
        command.Subcommands.Add(CreateEncode());
        command.Subcommands.Add(CreateDecode());
        return command;
    }

    static Command CreateTrain()
    {
        var inputs = new Option<string[]>("--input", "-i")
        {
            Description = "text file, one sentence per line (plain or .gz); repeat for each side of a joint vocabulary",
            Required = true,
            AllowMultipleArgumentsPerToken = true,
        };
        var vocabularySize = new Option<int>("--vocab-size") { Description = "pieces in the vocabulary, specials and byte pieces included", DefaultValueFactory = _ => BpeTrainerOptions.Defaults.VocabularySize };
        var minFrequency = new Option<int>("--min-frequency") { Description = "stop merging when no pair occurs this often", DefaultValueFactory = _ => BpeTrainerOptions.Defaults.MinPairFrequency };
        var noClassSplit = new Option<bool>("--merge-across-classes") { Description = "let merges join letters, digits and punctuation (SentencePiece keeps them apart; so do we by default)" };
        var output = OutOption.Required("where to write the Hugging Face tokenizer.json");

        var command = new Command("train", "Learn a BPE vocabulary from text files and save it as tokenizer.json.");
        command.Options.Add(inputs);
        command.Options.Add(vocabularySize);
        command.Options.Add(minFrequency);
        command.Options.Add(noClassSplit);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            int size = parse.GetValue(vocabularySize), frequency = parse.GetValue(minFrequency);
            var options = new BpeTrainerOptions(size, frequency, SplitByCharacterClass: !parse.GetValue(noClassSplit)).Validated();
            string outPath = parse.GetValue(output)!;
            OutputFiles.Check((outPath, "--out"));
            var files = parse.GetValue(inputs)!;
            foreach (var file in files) TextLines.CheckReadable(file);

            var clock = Stopwatch.StartNew();
            var lines = new List<string>();
            foreach (var file in files)
            {
                int before = lines.Count;
                lines.AddRange(ReadLines(file));
                // Empty inputs are refused everywhere: a tokenizer without merges would look trained and be useless.
                if (lines.Skip(before).All(string.IsNullOrWhiteSpace))
                    throw new InputException("has no text (it is empty or holds only blank lines)", file, hint: "give files with the training text");
            }
            double readSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var tokenizer = BpeTrainer.Train(lines, options);
            double trainSeconds = clock.Elapsed.TotalSeconds;
            tokenizer.Save(outPath);

            var o = parse.InvocationConfiguration.Output;
            o.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"trained {tokenizer.VocabularySize} pieces ({tokenizer.Merges.Count} merges) on {lines.Count} lines from {files.Length} file(s) in {trainSeconds:F2} s (reading {readSeconds:F2} s)"));
            if (tokenizer.VocabularySize < size)
                o.WriteLine($"note: stopped below --vocab-size {size}: no pair occurs {frequency} times any more");
            o.WriteLine($"wrote {outPath}");
            o.WriteLine($"sha256 {tokenizer.ContentHash}");
            return 0;
        });
        return command;
    }

    static Command CreateEncode()
    {
        var tokenizerPath = new Option<string>("--tokenizer", "-t") { Description = "tokenizer.json to use", Required = true };
        var input = new Option<string?>("--input", "-i") { Description = "text file (plain or .gz); standard input if omitted" };
        var format = new Option<string>("--format") { Description = "print pieces or ids, space-separated, one line per input line", DefaultValueFactory = _ => "pieces" };
        format.AcceptOnlyFromAmong("pieces", "ids");

        var command = new Command("encode", "Split text into subword pieces or ids, one output line per input line.");
        command.Options.Add(tokenizerPath);
        command.Options.Add(input);
        command.Options.Add(format);
        command.SetAction(parse =>
        {
            var tokenizer = SubwordTokenizer.Load(parse.GetValue(tokenizerPath)!);
            bool ids = parse.GetValue(format) == "ids";
            var o = parse.InvocationConfiguration.Output;
            foreach (var line in InputLines(parse.GetValue(input)))
            {
                var encoded = tokenizer.EncodeToArray(line);
                o.WriteLine(ids ? string.Join(' ', encoded) : string.Join(' ', encoded.Select(tokenizer.IdToPiece)));
            }
            return 0;
        });
        return command;
    }

    static Command CreateDecode()
    {
        var tokenizerPath = new Option<string>("--tokenizer", "-t") { Description = "tokenizer.json to use", Required = true };
        var input = new Option<string?>("--input", "-i") { Description = "file of space-separated ids, one sentence per line; standard input if omitted" };

        var command = new Command("decode", "Turn lines of ids back into text (special ids are skipped).");
        command.Options.Add(tokenizerPath);
        command.Options.Add(input);
        command.SetAction(parse =>
        {
            var tokenizer = SubwordTokenizer.Load(parse.GetValue(tokenizerPath)!);
            string source = parse.GetValue(input) ?? "<stdin>";
            var o = parse.InvocationConfiguration.Output;
            long number = 0;
            foreach (var line in InputLines(parse.GetValue(input)))
            {
                number++;
                var ids = new List<int>();
                foreach (var field in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (!int.TryParse(field, NumberStyles.None, CultureInfo.InvariantCulture, out int id) || id >= tokenizer.VocabularySize)
                        throw new InputException($"'{field}' is not an id of this tokenizer (0..{tokenizer.VocabularySize - 1})", source, number);
                    ids.Add(id);
                }
                o.WriteLine(tokenizer.Decode(ids));
            }
            return 0;
        });
        return command;
    }

    /// <summary>The lines of <paramref name="path"/>, or of standard input when it is null; bad input names the line.</summary>
    static IEnumerable<string> InputLines(string? path) =>
        (path != null ? TextLines.Read(path, TextLines.Unlimited) : TextLines.Read(Console.OpenStandardInput, "<stdin>", TextLines.Unlimited)).Select(line => line.Text);

    static IEnumerable<string> ReadLines(string path) => TextLines.Read(path, TextLines.Unlimited).Select(line => line.Text);
}
