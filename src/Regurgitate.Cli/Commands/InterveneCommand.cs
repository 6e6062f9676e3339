using System.CommandLine;
using System.Globalization;
using Regurgitate.Diversity;
using Regurgitate.Interventions;
using Regurgitate.IO;
using Regurgitate.Metrics;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg intervene noise|flatten`: the mechanism interventions on a corpus's targets (docs/interventions.md).</summary>
internal static class InterveneCommand
{
    public static Command Create()
    {
        var command = new Command("intervene",
            "Change human targets along one mechanism of regurgitative training: noise raises their error rate, flatten lowers their lexical diversity.");
        command.Subcommands.Add(Noise());
        command.Subcommands.Add(Flatten());
        return command;
    }

    static Command Noise()
    {
        var rate = new Option<double>("--rate") { Description = "share of target tokens to corrupt, in [0, 1]", DefaultValueFactory = _ => NoiseOptions.Defaults.Rate };
        var ops = new Option<string>("--ops")
        {
            Description = "operations and optional weights, e.g. drop,swap,substitute (equal shares) or drop=2,substitute=1",
            DefaultValueFactory = _ => "drop,swap,substitute",
        };
        var seed = new Option<long>("--seed") { Description = "seed of the per-pair random streams", DefaultValueFactory = _ => NoiseOptions.Defaults.Seed };
        var command = new Command("noise",
            "Corrupt a share of each target's whitespace tokens by drop, swap (with a neighbour) and substitute (a word of the targets' vocabulary, " +
            "drawn by frequency); seeded per pair, so a pair is noised alike in any corpus it is part of.");
        var (src, reference, output) = Files(command);
        command.Options.Add(rate);
        command.Options.Add(ops);
        command.Options.Add(seed);
        command.SetAction((parse, cancellation) =>
        {
            var options = new NoiseOptions(parse.GetValue(rate), ParseMix(parse.GetValue(ops)!), parse.GetValue(seed));
            options.Validate();
            var (outPath, sources, targets) = Read(parse, src, reference, output);
            var noise = TargetNoise.Create(targets, options);
            var results = targets.Select((t, i) => noise.Apply(i, t)).ToList();
            Write(parse, outPath, targets, results, string.Create(CultureInfo.InvariantCulture, $"noise rate {options.Rate:0.###} ({options.Mix}), seed {options.Seed}"),
                "tokens corrupted", cancellation);
            return Task.FromResult(0);
        });
        return command;
    }

    static Command Flatten()
    {
        var strength = new Option<double>("--strength") { Description = "share of eligible words replaced by their more frequent alternative, in [0, 1]", DefaultValueFactory = _ => FlattenOptions.Defaults.Strength };
        var iterations = new Option<int>("--iterations") { Description = "EM iterations of the IBM Model 1 aligner", DefaultValueFactory = _ => FlattenOptions.Defaults.Iterations };
        var seed = new Option<long>("--seed") { Description = "seed of the per-pair choice of which eligible words are replaced", DefaultValueFactory = _ => FlattenOptions.Defaults.Seed };
        var linkShare = new Option<double>("--link-share") { Description = "least share of a word's occurrences aligned to a source word for it to count as that word's rendering", DefaultValueFactory = _ => FlattenOptions.Defaults.LinkShare };
        var command = new Command("flatten",
            "Lower the lexical diversity of the targets: learn word alternatives from the pairs themselves (IBM Model 1) and replace a target word " +
            "by the more frequent word that usually renders the same source word.");
        var (src, reference, output) = Files(command);
        command.Options.Add(strength);
        command.Options.Add(iterations);
        command.Options.Add(linkShare);
        command.Options.Add(seed);
        command.SetAction((parse, cancellation) =>
        {
            var options = new FlattenOptions(parse.GetValue(strength), parse.GetValue(iterations), parse.GetValue(seed), parse.GetValue(linkShare));
            options.Validate();
            var (outPath, sources, targets) = Read(parse, src, reference, output);
            var pairs = sources.Zip(targets).ToList();
            var flattening = LexicalFlattening.Learn(pairs, options, cancellation);
            var results = pairs.Select((p, i) => flattening.Apply(i, p.First, p.Second)).ToList();
            Write(parse, outPath, targets, results, string.Create(CultureInfo.InvariantCulture, $"flatten strength {options.Strength:0.###}, link share {options.LinkShare:0.###}, IBM Model 1 x{options.Iterations}, seed {options.Seed}"),
                "words replaced", cancellation);
            return Task.FromResult(0);
        });
        return command;
    }

    static (Option<string> Src, Option<string> Ref, Option<string> Out) Files(Command command)
    {
        var src = new Option<string>("--src") { Description = "sources, one segment per line (.gz allowed)", Required = true };
        var reference = new Option<string>("--ref") { Description = "their human targets, aligned line by line: the text to change", Required = true };
        var output = OutOption.Required("the changed targets, one per line (written atomically)");
        command.Options.Add(src);
        command.Options.Add(reference);
        command.Options.Add(output);
        return (src, reference, output);
    }

    static (string Out, string[] Sources, string[] Targets) Read(ParseResult parse, Option<string> src, Option<string> reference, Option<string> output)
    {
        string outPath = parse.GetValue(output)!;
        OutputFiles.Check((outPath, "--out"));
        string srcPath = parse.GetValue(src)!, refPath = parse.GetValue(reference)!;
        var sources = SegmentFile.Read(srcPath);
        if (sources.Length == 0) throw new InputException("no segments: the file is empty", srcPath);
        var targets = SegmentFile.Read(refPath);
        if (targets.Length != sources.Length)
            throw new InputException($"{targets.Length} lines in --ref but {sources.Length} in --src {srcPath}", refPath, hint: "the files must be aligned line by line");
        int blank = Array.FindIndex(targets, t => t.Trim().Length == 0);
        if (blank >= 0) throw new InputException("an empty target: there is nothing to change", refPath, blank + 1);
        return (outPath, sources, targets);
    }

    static void Write(ParseResult parse, string outPath, string[] originals, IReadOnlyList<InterventionResult> results, string settings, string changedLabel, CancellationToken cancellation)
    {
        var changed = results.Select(r => r.Text).ToArray();
        AtomicFile.WriteAllLines(outPath, changed);
        var diversity = new DiversityOptions(BootstrapSamples: 0);
        var before = LexicalDiversity.Analyze("original", originals, diversity, cancellation);
        var after = LexicalDiversity.Analyze("changed", changed, diversity, cancellation);
        double ter = new Ter().Statistics(changed, [originals]).Score().Score;
        double chrf = new Chrf().Statistics(changed, [originals]).Score().Score;
        double bleu = new Bleu().Statistics(changed, [originals]).Score().Score;
        long tokens = results.Sum(r => (long)r.Tokens), touched = results.Sum(r => (long)r.Changed);
        var o = parse.InvocationConfiguration.Output;
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{settings}: wrote {changed.Length:N0} targets to {outPath}"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{changedLabel}: {touched:N0} of {tokens:N0} ({100.0 * touched / Math.Max(1, tokens):0.00}%)"));
        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"changed vs original: TER {ter:0.00}, chrF {chrf:0.00}, BLEU {bleu:0.00}"));
        foreach (var m in new[] { DiversityMeasure.Mtld, DiversityMeasure.Ttr, DiversityMeasure.Vocabulary })
        {
            string format = m == DiversityMeasure.Ttr ? "0.00000" : m == DiversityMeasure.Vocabulary ? "0" : "0.00";
            o.WriteLine($"{m.Name}: {before[m].Value.ToString(format, CultureInfo.InvariantCulture)} -> {after[m].Value.ToString(format, CultureInfo.InvariantCulture)}");
        }
        o.WriteLine($"diversity tokenization: {before.Tokenizer}");
    }

    /// <summary>Parses <c>drop,swap</c> (equal shares) or <c>drop=2,swap=1</c> (weights).</summary>
    internal static NoiseMix ParseMix(string text)
    {
        double drop = 0, swap = 0, substitute = 0;
        var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new InputException("--ops names no operation", hint: "e.g. --ops drop,swap,substitute");
        foreach (var part in parts)
        {
            var fields = part.Split('=', 2);
            var operation = NoiseMix.Parse(fields[0]) ?? throw new InputException($"--ops: unknown operation '{fields[0]}'", hint: "drop, swap or substitute");
            double weight = 1;
            if (fields.Length == 2 && !(double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out weight) && weight >= 0 && double.IsFinite(weight)))
                throw new InputException($"--ops: the weight of {fields[0]} must be a number of at least 0, not '{fields[1]}'");
            switch (operation)
            {
                case NoiseOperation.Drop: drop += weight; break;
                case NoiseOperation.Swap: swap += weight; break;
                default: substitute += weight; break;
            }
        }
        return new NoiseMix(drop, swap, substitute);
    }
}
