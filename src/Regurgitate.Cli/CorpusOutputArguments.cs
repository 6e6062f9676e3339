using System.CommandLine;
using Regurgitate.IO;
using Regurgitate.Corpora;
using Regurgitate.Corpora.Formats;

namespace Regurgitate.Cli;

/// <summary>
/// The options that name where a corpus is written, the same in every command: <c>--out-tsv FILE</c>,
/// <c>--out-jsonl FILE</c> (keeps provenance, ids, meta) or <c>--out-source F --out-target F</c>
/// (a Moses pair), each gzipped when the name ends in .gz, always written atomically.
/// </summary>
internal sealed class CorpusOutputArguments
{
    public Option<string?> Tsv { get; } = new("--out-tsv") { Description = "write source<TAB>target lines (.gz ok)" };
    public Option<bool> TsvProvenance { get; } = new("--tsv-provenance") { Description = "with --out-tsv: add origin, generator and settings columns" };
    public Option<string?> Jsonl { get; } = new("--out-jsonl") { Description = "write JSONL objects with provenance, id and meta (.gz ok)" };
    public Option<string?> Source { get; } = new("--out-source") { Description = "write the source side, one sentence per line (.gz ok); with --out-target" };
    public Option<string?> Target { get; } = new("--out-target") { Description = "write the target side, line-aligned with --out-source (.gz ok)" };

    /// <summary>Adds the output options to <paramref name="command"/>.</summary>
    public CorpusOutputArguments AddTo(Command command)
    {
        foreach (var option in new Option[] { Tsv, TsvProvenance, Jsonl, Source, Target }) command.Options.Add(option);
        return this;
    }

    /// <summary>Checks that exactly one output form was given (call before reading any input).</summary>
    public void Validate(ParseResult parse)
    {
        string? tsv = parse.GetValue(Tsv), jsonl = parse.GetValue(Jsonl), source = parse.GetValue(Source), target = parse.GetValue(Target);
        int forms = (tsv != null ? 1 : 0) + (jsonl != null ? 1 : 0) + (source != null || target != null ? 1 : 0);
        if (forms == 0) throw new InputException("no output given", hint: "name one with --out-tsv, --out-jsonl or --out-source/--out-target");
        if (forms > 1) throw new InputException("more than one output given; use one of --out-tsv, --out-jsonl or --out-source/--out-target");
        if ((source == null) != (target == null)) throw new InputException("--out-source and --out-target go together");
        if (parse.GetValue(TsvProvenance) && tsv == null) throw new InputException("--tsv-provenance needs --out-tsv");
        OutputFiles.Check((tsv, "--out-tsv"), (jsonl, "--out-jsonl"), (source, "--out-source"), (target, "--out-target"));
    }

    /// <summary>Writes <paramref name="pairs"/> to the output the options name; returns the pairs written and where.</summary>
    public (long Pairs, string Where) Write(ParseResult parse, IEnumerable<SentencePair> pairs)
    {
        Validate(parse);
        string? tsv = parse.GetValue(Tsv), jsonl = parse.GetValue(Jsonl), source = parse.GetValue(Source), target = parse.GetValue(Target);
        if (tsv != null) return (TsvFile.Write(tsv, pairs, parse.GetValue(TsvProvenance)), tsv);
        if (jsonl != null) return (JsonlFile.Write(jsonl, pairs), jsonl);
        return (MosesFiles.Write(source!, target!, pairs), $"{source} + {target}");
    }
}
