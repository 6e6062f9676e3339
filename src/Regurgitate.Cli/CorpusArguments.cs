using System.CommandLine;
using Regurgitate.Corpora;
using Regurgitate.Corpora.Datasets;
using Regurgitate.Corpora.Formats;

namespace Regurgitate.Cli;

/// <summary>
/// The options that name an input corpus, the same in every command: by files
/// (<c>--source train.de --target train.en</c>, <c>--tsv FILE</c>, <c>--jsonl FILE</c>) or by dataset
/// (<c>--corpus multi30k:train:de-en</c>), plus the shared <c>--data-dir</c>, <c>--max-line-length</c>
/// and <c>--generator</c>. Add them with <see cref="AddTo"/> and get a streaming <see cref="Corpus"/> with
/// <see cref="Resolve"/>. A command that reads two corpora gives the second a prefix
/// (<c>new CorpusArguments("reference-")</c> → <c>--reference-source</c>, <c>--reference-corpus</c>, ...).
/// </summary>
internal sealed class CorpusArguments
{
    /// <summary>Name of the shared option for the data directory.</summary>
    public const string DataDirOption = "--data-dir";
    /// <summary>Name of the shared option for the longest accepted line.</summary>
    public const string MaxLineLengthOption = "--max-line-length";

    readonly string prefix;

    /// <summary>Corpus options named <c>--{prefix}source</c> etc.; <paramref name="role"/> words the help ("input", "reference");
    /// <paramref name="corpusExample"/> is an example dataset for the help where the default (a training split) would mislead.</summary>
    public CorpusArguments(string prefix = "", string role = "input", bool required = true, string? corpusExample = null)
    {
        this.prefix = prefix;
        Required = required;
        Source = new Option<string?>($"--{prefix}source") { Description = $"{role}: source-side text file, one sentence per line (.gz ok); with --{prefix}target" };
        Target = new Option<string?>($"--{prefix}target") { Description = $"{role}: target-side text file, line-aligned with --{prefix}source (.gz ok)" };
        Tsv = new Option<string?>($"--{prefix}tsv") { Description = $"{role}: TSV file, source<TAB>target[<TAB>origin<TAB>generator<TAB>settings] (.gz ok)" };
        Jsonl = new Option<string?>($"--{prefix}jsonl") { Description = $"{role}: JSONL file of {{source, target, provenance?, id?, meta?}} objects (.gz ok)" };
        Corpus = new Option<string?>($"--{prefix}corpus") { Description = corpusExample == null
            ? $"{role}: named dataset as {DatasetSpec.Syntax}; see `regurg corpus list`"
            : $"{role}: named dataset as name:split:src-tgt (e.g. {corpusExample}); see `regurg corpus list`" };
        Generator = new Option<string?>($"--{prefix}generator")
        {
            Description = $"{role}: mark pairs read from Moses or two-column TSV files as machine output of this generator (default: human)",
        };
    }

    /// <summary>Whether <see cref="Resolve"/> fails when no corpus is named.</summary>
    public bool Required { get; }
    public Option<string?> Source { get; }
    public Option<string?> Target { get; }
    public Option<string?> Tsv { get; }
    public Option<string?> Jsonl { get; }
    public Option<string?> Corpus { get; }
    public Option<string?> Generator { get; }

    /// <summary>Adds the corpus options, and the shared <c>--data-dir</c>/<c>--max-line-length</c> once, to <paramref name="command"/>.</summary>
    public CorpusArguments AddTo(Command command)
    {
        foreach (var option in new[] { Source, Target, Tsv, Jsonl, Corpus, Generator }) command.Options.Add(option);
        AddSharedOptions(command);
        return this;
    }

    /// <summary>Adds <c>--data-dir</c> and <c>--max-line-length</c> to <paramref name="command"/> unless it has them.</summary>
    public static void AddSharedOptions(Command command)
    {
        AddDataDirOption(command);
        if (!command.Options.Any(o => o.Name == MaxLineLengthOption))
            command.Options.Add(new Option<int>(MaxLineLengthOption)
            {
                Description = "longest accepted input line, in characters; longer lines are an error",
                DefaultValueFactory = _ => TextLines.DefaultMaxLineLength,
            });
    }

    /// <summary>Adds only <c>--data-dir</c>, for commands that name datasets but read no lines (doctor, corpus list/download).</summary>
    public static void AddDataDirOption(Command command)
    {
        if (!command.Options.Any(o => o.Name == DataDirOption))
            command.Options.Add(new Option<string?>(DataDirOption)
            {
                Description = $"folder of named datasets (default: ${DataDirectory.EnvironmentVariable}, else shared/corpora beside the repository, else {DataDirectory.UserDefault()})",
            });
    }

    /// <summary>The value of <c>--max-line-length</c>, checked.</summary>
    public static int MaxLineLengthOf(ParseResult parse)
    {
        int max = parse.GetValue<int>(MaxLineLengthOption);
        if (max <= 0) throw new InputException($"{MaxLineLengthOption} must be positive, got {max}");
        return max;
    }

    /// <summary>True when any of this corpus's options was given.</summary>
    public bool IsGiven(ParseResult parse) =>
        new[] { Source, Target, Tsv, Jsonl, Corpus }.Any(o => parse.GetValue(o) != null);

    /// <summary>The data directory chosen by <c>--data-dir</c>, <c>REGURG_DATA_DIR</c> or the defaults.</summary>
    public static DataDirectory DataDirectoryOf(ParseResult parse) =>
        DataDirectory.Resolve(parse.GetValue<string?>(DataDirOption));

    /// <summary>The read options from <c>--max-line-length</c> (and this corpus's <c>--generator</c>).</summary>
    public CorpusReadOptions ReadOptions(ParseResult parse)
    {
        var generator = parse.GetValue(Generator);
        return new CorpusReadOptions(MaxLineLengthOf(parse), generator == null ? null : Provenance.Machine(generator));
    }

    /// <summary>
    /// The corpus the options name, streamed lazily. Exactly one form must be given; files that do not
    /// exist and datasets that are not in the data directory are <see cref="InputException"/>s.
    /// Returns null only when the corpus is optional and not given.
    /// </summary>
    public Corpus? Resolve(ParseResult parse)
    {
        string? source = parse.GetValue(Source), target = parse.GetValue(Target), tsv = parse.GetValue(Tsv),
            jsonl = parse.GetValue(Jsonl), corpus = parse.GetValue(Corpus);
        int forms = (source != null || target != null ? 1 : 0) + (tsv != null ? 1 : 0) + (jsonl != null ? 1 : 0) + (corpus != null ? 1 : 0);
        string choices = $"--{prefix}source/--{prefix}target, --{prefix}tsv, --{prefix}jsonl or --{prefix}corpus";
        if (forms == 0)
        {
            if (!Required) return null;
            throw new InputException($"no {(prefix.Length == 0 ? "input" : prefix.TrimEnd('-'))} corpus given", hint: $"name one with {choices}");
        }
        if (forms > 1) throw new InputException($"more than one corpus given; use one of {choices}");
        var options = ReadOptions(parse);
        if (source != null || target != null)
        {
            if (source == null || target == null)
                throw new InputException($"--{prefix}source and --{prefix}target go together", hint: "a Moses pair is two line-aligned files");
            return MosesFiles.Read(source, target, options);
        }
        if (tsv != null) return TsvFile.Read(tsv, options);
        if (jsonl != null) return JsonlFile.Read(jsonl, options);
        if (parse.GetValue(Generator) != null)
            throw new InputException($"--{prefix}generator applies to files; a named dataset carries its own provenance");
        return DatasetCatalog.Open(corpus!, DataDirectoryOf(parse), options);
    }

    /// <summary>Like <see cref="Resolve"/> for a required corpus.</summary>
    public Corpus ResolveRequired(ParseResult parse) =>
        Resolve(parse) ?? throw new InputException("no input corpus given");
}
