using System.CommandLine;
using Regurgitate.IO;
using Regurgitate.Metrics;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// `regurg score`: BLEU, chrF, chrF++ and TER of one or more system outputs against one or more
/// references, with sacreBLEU 2.6.0's definitions, signatures and output formats; paired
/// significance tests (bootstrap, approximate randomization) and bootstrap confidence intervals.
/// </summary>
internal static class ScoreCommand
{
    public static Command Create()
    {
        var refs = new Option<string[]>("--ref", "-r") { Description = "reference file (repeat for several references; .gz read as gzip)", Required = true, Arity = ArgumentArity.OneOrMore };
        var hyps = new Option<string[]>("--hyp") { Description = "system output (repeat for several systems; the first is the baseline of paired tests)", Required = true, Arity = ArgumentArity.OneOrMore };
        var metrics = new Option<string>("--metrics", "-m") { Description = "comma-separated metrics: bleu, chrf, chrf++, ter", DefaultValueFactory = _ => ScoreReportOptions.Defaults.MetricList };
        var tokenize = new Option<string>("--tokenize", "-tok") { Description = "BLEU tokenizer: 13a, intl, none, char", DefaultValueFactory = _ => ScoreReportOptions.Defaults.Tokenize };
        var lowercase = new Option<bool>("--lowercase", "-lc") { Description = "case-insensitive BLEU and chrF" };
        var smoothMethod = new Option<string>("--smooth-method") { Description = "BLEU smoothing: exp, floor, add-k, none", DefaultValueFactory = _ => ScoreReportOptions.Defaults.SmoothMethod };
        var smoothValue = new Option<double?>("--smooth-value", "-sv") { Description = "value for floor (default 0.1) and add-k (default 1)" };
        var caseSensitive = new Option<bool>("--case-sensitive") { Description = "case-sensitive TER (TER lowercases by default)" };
        var terNormalized = new Option<bool>("--ter-normalized") { Description = "TER: mteval-style normalization and tokenization" };
        var terNoPunct = new Option<bool>("--ter-no-punct") { Description = "TER: remove punctuation" };
        var terAsian = new Option<bool>("--ter-asian-support") { Description = "TER: split CJK characters (with normalization or punctuation removal)" };
        var width = new Option<int>("--width", "-w") { Description = "decimals of printed scores", DefaultValueFactory = _ => ScoreReportOptions.Defaults.Width };
        var format = new Option<string>("--format", "-f") { Description = "output format: text or json", DefaultValueFactory = _ => ScoreReportOptions.Defaults.Format };
        var sentenceLevel = new Option<bool>("--sentence-level", "-sl") { Description = "score every segment (sentence BLEU uses effective order)" };
        var pairedBs = new Option<bool>("--paired-bs") { Description = "paired bootstrap resampling test against the first --hyp" };
        var pairedAr = new Option<bool>("--paired-ar") { Description = "paired approximate randomization test against the first --hyp" };
        var pairedBsN = new Option<int>("--paired-bs-n") { Description = "bootstrap resamples of the paired test", DefaultValueFactory = _ => ScoreReportOptions.Defaults.PairedBsN };
        var pairedArN = new Option<int>("--paired-ar-n") { Description = "approximate randomization trials", DefaultValueFactory = _ => ScoreReportOptions.Defaults.PairedArN };
        var confidence = new Option<bool>("--confidence", "-ci") { Description = "95% bootstrap confidence interval (single system)" };
        var confidenceN = new Option<int>("--confidence-n") { Description = "bootstrap resamples of the confidence interval", DefaultValueFactory = _ => ScoreReportOptions.Defaults.ConfidenceN };
        var seed = new Option<ulong>("--seed") { Description = "seed of NumPy's PCG64 generator, as sacreBLEU's SACREBLEU_SEED", DefaultValueFactory = _ => ScoreReportOptions.Defaults.Seed };
        var output = OutOption.Optional("write the report to this file (atomically) instead of standard output", formerSpelling: "--output");

        var command = new Command("score", "Score system outputs with BLEU, chrF, chrF++ and TER exactly as sacreBLEU 2.6.0 does, with significance tests.");
        foreach (var option in new Option[] { refs, hyps, metrics, tokenize, lowercase, smoothMethod, smoothValue, caseSensitive, terNormalized, terNoPunct, terAsian,
                     width, format, sentenceLevel, pairedBs, pairedAr, pairedBsN, pairedArN, confidence, confidenceN, seed, output })
            command.Options.Add(option);

        command.SetAction(parse =>
        {
            var request = new ScoreReportOptions(parse.GetValue(refs)!, parse.GetValue(hyps)!)
            {
                MetricList = parse.GetValue(metrics)!, Tokenize = parse.GetValue(tokenize)!, Lowercase = parse.GetValue(lowercase),
                SmoothMethod = parse.GetValue(smoothMethod)!, SmoothValue = parse.GetValue(smoothValue), CaseSensitive = parse.GetValue(caseSensitive),
                TerNormalized = parse.GetValue(terNormalized), TerNoPunct = parse.GetValue(terNoPunct), TerAsian = parse.GetValue(terAsian),
                Width = parse.GetValue(width), Format = parse.GetValue(format)!, SentenceLevel = parse.GetValue(sentenceLevel),
                PairedBs = parse.GetValue(pairedBs), PairedAr = parse.GetValue(pairedAr), PairedBsN = parse.GetValue(pairedBsN), PairedArN = parse.GetValue(pairedArN),
                Confidence = parse.GetValue(confidence), ConfidenceN = parse.GetValue(confidenceN), Seed = parse.GetValue(seed),
            };
            string? outputPath = parse.GetValue(output);
            OutputFiles.Check((outputPath, "--output"));
            if (outputPath == null)
            {
                ScoreReport.Write(request, parse.InvocationConfiguration.Output);
                return 0;
            }
            var text = new StringWriter();
            ScoreReport.Write(request, text);
            AtomicFile.WriteAllText(outputPath, text.ToString());
            return 0;
        });
        return command;
    }
}
