using System.CommandLine;
using Regurgitate.Metrics;
using Regurgitate.Quality;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg quality evaluate`: how well each quality score tracks sentence chrF against human references.</summary>
internal static class QualityEvaluateCommand
{
    public static Command Create()
    {
        var quality = new Option<string>("--quality") { Description = "per-pair scores written by `regurg quality score`", Required = true };
        var reference = new Option<string>("--ref") { Description = "human references of the same sources, one per line (line i = pair id i)", Required = true };
        var format = new Option<string>("--format") { Description = "table or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");

        var command = new Command("evaluate",
            "Evaluates quality scores against sentence chrF of each target (as scored) with a human reference: per score " +
            "Spearman's rho, the precision of its top 10/25/50% (share that is in the true top k% by chrF), and a suggested " +
            "threshold (keep score >= it: maximises F1 for keeping pairs with chrF above the median).");
        foreach (var option in new Option[] { quality, reference, format }) command.Options.Add(option);

        command.SetAction(parse =>
        {
            string qualityPath = parse.GetValue(quality)!, refPath = parse.GetValue(reference)!;
            var scores = QualityJsonl.Read(qualityPath);
            var references = SegmentFile.Read(refPath);
            var chrf = new Chrf();
            var truth = new double[scores.Count];
            for (int i = 0; i < scores.Count; i++)
            {
                long id = scores.Ids[i];
                if (id < 1 || id > references.Length)
                    throw new InputException($"pair id {id} has no reference: {refPath} has {references.Length} lines", qualityPath, i + 1,
                        hint: "--ref must hold the references of the scored corpus's sources, line i for id i");
                string r = references[id - 1];
                // sacreBLEU has no sentence score for a blank reference: the pair is left out of the evaluation.
                truth[i] = string.IsNullOrWhiteSpace(r) ? double.NaN : chrf.SentenceScore(scores.Targets[i], [r]).Score;
            }
            var evaluations = QualityEvaluation.Evaluate(scores, truth);
            var writer = parse.InvocationConfiguration.Output;
            if (parse.GetValue(format) == "json") QualityReportWriter.WriteEvaluationJson(writer, evaluations, refPath);
            else QualityReportWriter.WriteEvaluationTable(writer, evaluations, refPath);
            return 0;
        });
        return command;
    }
}
