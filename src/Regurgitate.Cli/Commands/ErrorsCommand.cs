using System.CommandLine;
using Regurgitate.IO;
using Regurgitate.Errors;
using Regurgitate.Metrics;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg errors`: per-segment error signals of translations, a summary, and a JSONL for filtering.</summary>
internal static class ErrorsCommand
{
    public static Command Create()
    {
        var hyp = new Option<string>("--hyp") { Description = "translations to check, one segment per line (.gz allowed)", Required = true };
        var src = new Option<string>("--src") { Description = "their sources, aligned line by line", Required = true };
        var reference = new Option<string?>("--ref") { Description = "human references for the same sources: adds sentence chrF and TER edit rate, and sets the expected length ratio" };
        var sourceLang = new Option<string>("--source-lang") { Description = "source language code, e.g. en", Required = true };
        var targetLang = new Option<string>("--target-lang") { Description = "target language code, e.g. de: decides which scripts are foreign", Required = true };
        var scripts = new Option<string?>("--target-scripts") { Description = "override the target language's scripts, comma-separated (e.g. Latin,Greek)" };
        var output = new Option<string?>("--out") { Description = "write per-segment signals and flags as JSON Lines to this file (atomically)" };
        var copy = new Option<double>("--copy-threshold") { Description = "flag copied source when this share of output words occur in the source", DefaultValueFactory = _ => ErrorOptions.Defaults.CopyThreshold };
        var loops = new Option<int>("--loop-copies") { Description = "flag a loop when an n-gram repeats this many times back to back", DefaultValueFactory = _ => ErrorOptions.Defaults.LoopCopies };
        var lengthZ = new Option<double>("--length-z") { Description = "flag length outliers beyond this robust z-score", DefaultValueFactory = _ => ErrorOptions.Defaults.LengthZThreshold };
        var lengthRatio = new Option<double?>("--length-ratio") { Description = "expected output/source character-length ratio when there are no references" };
        var foreign = new Option<double>("--foreign-share") { Description = "flag foreign script when this share of letters is outside the target scripts", DefaultValueFactory = _ => ErrorOptions.Defaults.ForeignShareThreshold };
        var edit = new Option<double>("--edit-threshold") { Description = "flag a high TER edit rate above this (needs --ref)", DefaultValueFactory = _ => ErrorOptions.Defaults.EditRateThreshold };
        var format = new Option<string>("--format") { Description = "summary as table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("errors",
            "Per-segment error signals of translations: empty output, copied source, repetition loops, length outliers, " +
            "foreign script, and with --ref sentence chrF and TER edit rate. Prints the share of each error type.");
        foreach (var option in new Option[] { hyp, src, reference, sourceLang, targetLang, scripts, output, copy, loops, lengthZ, lengthRatio, foreign, edit, format })
            command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            OutputFiles.Check((parse.GetValue(output), "--out"));
            string hypPath = parse.GetValue(hyp)!, srcPath = parse.GetValue(src)!;
            string? refPath = parse.GetValue(reference);
            string target = parse.GetValue(targetLang)!;
            var targetScripts = ResolveScripts(target, parse.GetValue(scripts));
            var options = new ErrorOptions(
                targetScripts,
                CopyThreshold: parse.GetValue(copy),
                LoopCopies: parse.GetValue(loops),
                LengthZThreshold: parse.GetValue(lengthZ),
                ExpectedLengthRatio: parse.GetValue(lengthRatio),
                ForeignShareThreshold: parse.GetValue(foreign),
                EditRateThreshold: parse.GetValue(edit));
            options.Validate();

            var hypotheses = SegmentFile.Read(hypPath);
            var sources = SegmentFile.Read(srcPath);
            if (hypotheses.Length == 0) throw new InputException("no segments to check: the file is empty", hypPath);
            RequireSameLength(hypPath, hypotheses.Length, srcPath, sources.Length, "--src");
            string[]? references = null;
            if (refPath != null)
            {
                references = SegmentFile.Read(refPath);
                RequireSameLength(hypPath, hypotheses.Length, refPath, references.Length, "--ref");
            }

            var report = ErrorAnalysis.Analyze(hypotheses, sources, references, options,
                references == null ? null : new SacreBleuReferenceScorer(), cancellationToken);
            string? outPath = parse.GetValue(output);
            if (outPath != null) ErrorJsonl.Write(outPath, report);

            var writer = parse.InvocationConfiguration.Output;
            var context = new ErrorReportWriter.Inputs(hypPath, srcPath, refPath, parse.GetValue(sourceLang)!, target, targetScripts, outPath);
            if (parse.GetValue(format) == "json") ErrorReportWriter.WriteJson(writer, report, context);
            else ErrorReportWriter.WriteTables(writer, report, context);
            return Task.FromResult(0);
        });
        return command;
    }

    static IReadOnlySet<WritingScript> ResolveScripts(string language, string? overrideList)
    {
        if (overrideList != null)
        {
            var set = new HashSet<WritingScript>();
            foreach (var name in overrideList.Split(',', StringSplitOptions.RemoveEmptyEntries))
                set.Add(WritingScripts.Parse(name) ?? throw new InputException($"--target-scripts: unknown script '{name.Trim()}'",
                    hint: "one of " + string.Join(", ", Enum.GetNames<WritingScript>())));
            if (set.Count == 0) throw new InputException("--target-scripts: no script given");
            return set;
        }
        return TargetScripts.For(language) ?? throw new InputException($"--target-lang: no script known for language '{language}'",
            hint: "give its scripts with --target-scripts, e.g. --target-scripts Latin");
    }

    static void RequireSameLength(string hypPath, int hypLines, string otherPath, int otherLines, string option)
    {
        if (hypLines != otherLines)
            throw new InputException($"{hypLines} lines in --hyp but {otherLines} lines in {option} {otherPath}", hypPath,
                hint: "the files must be aligned line by line");
    }
}
