using Regurgitate.Metrics;
using Regurgitate.RunDirectories;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// Every finished cell's per-sentence statistics on the test set: BLEU's and chrF's sufficient statistics
/// recomputed from its test.hyp against test.ref (sacreBLEU-exact), and, where the run recorded it, the NLL of
/// each reference under the cell's student. These are what the two-level bootstrap resamples. Recomputing BLEU
/// also checks results.jsonl: a cell whose recorded BLEU differs from its translations' is a <see cref="ScoreMismatch"/>.
/// </summary>
public sealed class CellStatistics
{
    readonly Dictionary<string, SentenceStatistics> bleu = new(StringComparer.Ordinal);
    readonly Dictionary<string, SentenceStatistics> chrf = new(StringComparer.Ordinal);
    readonly Dictionary<string, SentenceStatistics> nll = new(StringComparer.Ordinal);
    readonly List<ScoreMismatch> mismatches = [];

    /// <summary>Test sentences (0 when test.ref is missing).</summary>
    public int Sentences { get; private init; }

    /// <summary>Cells whose BLEU in results.jsonl differs from the BLEU of their test.hyp by more than rounding.</summary>
    public IReadOnlyList<ScoreMismatch> Mismatches => mismatches;

    /// <summary>The cell's per-sentence statistics of <paramref name="metric"/>, or null (not finished, translations missing).</summary>
    public SentenceStatistics? Of(StudyMetric metric, string cell) => metric switch
    {
        StudyMetric.Bleu => bleu.GetValueOrDefault(cell),
        StudyMetric.Chrf => chrf.GetValueOrDefault(cell),
        _ => nll.GetValueOrDefault(cell),
    };

    /// <summary>Reads every finished cell of <paramref name="run"/>; nothing when test.ref is missing.</summary>
    public static CellStatistics Read(RunDirectory run)
    {
        string testRef = run.Resolve("test.ref");
        if (!File.Exists(testRef)) return new CellStatistics();
        var reference = SegmentFile.Read(testRef);
        var statistics = new CellStatistics { Sentences = reference.Length };
        var bleuMetric = new Bleu();
        var chrfMetric = new Chrf();
        foreach (var cell in run.Cells)
        {
            if (!cell.Done || cell.Hypotheses is null) continue;
            string path = run.Resolve(cell.Hypotheses);
            if (!File.Exists(path)) continue;
            var hypotheses = SegmentFile.Read(path);
            if (hypotheses.Length != reference.Length)
                throw new InputException($"{hypotheses.Length} translations but test.ref has {reference.Length} lines", path);
            var bleuStatistics = bleuMetric.Statistics(hypotheses, [reference]);
            double recomputed = bleuStatistics.Score().Score;
            // A runner may round BLEU to one decimal (at most 0.05 off); anything further means the files disagree.
            if (Math.Abs(recomputed - cell.Bleu!.Value) > 0.05 + 1e-9) statistics.mismatches.Add(new ScoreMismatch(cell.Cell, cell.Bleu.Value, recomputed));
            statistics.bleu[cell.Cell] = SentenceStatistics.From(bleuStatistics);
            statistics.chrf[cell.Cell] = SentenceStatistics.From(chrfMetric.Statistics(hypotheses, [reference]));
            if (cell.SentenceNll is { } nllFile && File.Exists(run.Resolve(nllFile)))
            {
                var rows = SentenceNllFile.Read(run.Resolve(nllFile));
                if (rows.Count != reference.Length)
                    throw new InputException($"{rows.Count} lines but test.ref has {reference.Length}: one NLL per test sentence is expected", run.Resolve(nllFile));
                statistics.nll[cell.Cell] = SentenceStatistics.FromRatios(rows.Select(r => r.Nll).ToArray(), rows.Select(r => (double)r.Tokens).ToArray());
            }
        }
        return statistics;
    }
}

/// <summary>A cell's result row whose BLEU differs from the BLEU of its test.hyp.</summary>
public sealed record ScoreMismatch(string Cell, double Recorded, double Recomputed);
