using System.CommandLine;
using Regurgitate.Diversity;
using Regurgitate.Metrics;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg diversity`: lexical diversity of texts side by side, the first file as the reference.</summary>
internal static class DiversityCommand
{
    public static Command Create()
    {
        var files = new Argument<string[]>("files")
        {
            Description = "text files, one segment per line (.gz allowed); the first is the reference the others are compared with",
            Arity = ArgumentArity.OneOrMore,
        };
        var tokenize = new Option<string>("--tokenize")
        {
            Description = "word tokenization: 13a (sacreBLEU's default), whitespace, or none (sacreBLEU's name for a plain whitespace split)",
            DefaultValueFactory = _ => DiversityTokenizer.NameOf(DiversityOptions.Defaults.Tokenization),
        };
        tokenize.AcceptOnlyFromAmong("13a", "whitespace", "none");
        var lowercase = new Option<bool>("--lowercase", "-lc") { Description = "lowercase before counting" };
        var window = new Option<int>("--mattr-window") { Description = "MATTR window in tokens", DefaultValueFactory = _ => DiversityOptions.Defaults.MattrWindow };
        var threshold = new Option<double>("--mtld-threshold") { Description = "MTLD factor-size TTR threshold", DefaultValueFactory = _ => DiversityOptions.Defaults.MtldThreshold };
        var sample = new Option<int>("--hdd-sample") { Description = "HD-D sample size in tokens", DefaultValueFactory = _ => DiversityOptions.Defaults.HddSampleSize };
        var bootstrap = new Option<int>("--bootstrap") { Description = "bootstrap resamples of segments for 95% intervals (0: none)", DefaultValueFactory = _ => DiversityOptions.Defaults.BootstrapSamples };
        var seed = new Option<int>("--seed") { Description = "bootstrap seed", DefaultValueFactory = _ => DiversityOptions.Defaults.Seed };
        var format = new Option<string>("--format") { Description = "output: table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("diversity",
            "Lexical diversity (vocabulary, TTR, root TTR, MATTR, MTLD, HD-D, Yule's K, distinct-1/2/3, entropy, hapax ratio) " +
            "with bootstrap confidence intervals; files after the first are marked where they are less (▼) or more (▲) diverse than it.");
        command.Arguments.Add(files);
        foreach (var option in new Option[] { tokenize, lowercase, window, threshold, sample, bootstrap, seed, format })
            command.Options.Add(option);

        command.SetAction((parse, cancellationToken) =>
        {
            var options = new DiversityOptions(
                Tokenization: DiversityTokenizer.Parse(parse.GetValue(tokenize)!)!.Value,
                Lowercase: parse.GetValue(lowercase),
                MattrWindow: parse.GetValue(window),
                MtldThreshold: parse.GetValue(threshold),
                HddSampleSize: parse.GetValue(sample),
                BootstrapSamples: parse.GetValue(bootstrap),
                Seed: parse.GetValue(seed));
            options.Validate();

            var paths = parse.GetValue(files)!;
            var reports = new List<DiversityReport>();
            foreach (var path in paths)
            {
                var segments = SegmentFile.Read(path);
                if (segments.Length == 0) throw new InputException("no segments to measure: the file is empty", path);
                reports.Add(LexicalDiversity.Analyze(Path.GetFileName(path), segments, options, cancellationToken));
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json") DiversityReportWriter.WriteJson(output, paths, reports, options);
            else DiversityReportWriter.WriteTables(output, reports, options);
            return Task.FromResult(0);
        });
        return command;
    }
}
