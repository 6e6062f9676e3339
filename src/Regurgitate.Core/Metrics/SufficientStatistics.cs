namespace Regurgitate.Metrics;

/// <summary>
/// The per-segment statistics of one system's output under one metric: a row per segment. Sums of
/// any multiset of rows (a bootstrap resample, a randomized swap with another system) score
/// without touching the text again.
/// </summary>
public sealed class SufficientStatistics
{
    readonly double[] values;

    SufficientStatistics(TranslationMetric metric, int segments, Signature signature)
    {
        Metric = metric;
        Segments = segments;
        Width = metric.StatisticsWidth;
        Signature = signature;
        values = new double[segments * Width];
    }

    /// <summary>The metric the rows belong to.</summary>
    public TranslationMetric Metric { get; }
    /// <summary>Number of segments (rows).</summary>
    public int Segments { get; }
    /// <summary>Statistics per segment (columns).</summary>
    public int Width { get; }
    /// <summary>The signature of scores computed from these rows.</summary>
    public Signature Signature { get; }

    /// <summary>All rows, row-major (for tight resampling loops).</summary>
    internal double[] Values => values;

    /// <summary>The statistics of segment <paramref name="segment"/>.</summary>
    public ReadOnlySpan<double> Row(int segment) => values.AsSpan(segment * Width, Width);

    /// <summary>Column sums over all segments.</summary>
    public double[] Totals()
    {
        var totals = new double[Width];
        for (int s = 0; s < Segments; s++)
        {
            var row = Row(s);
            for (int k = 0; k < Width; k++) totals[k] += row[k];
        }
        return totals;
    }

    /// <summary>Adds the rows named by <paramref name="segments"/> (repeats allowed) into <paramref name="totals"/>.</summary>
    public void AddRows(ReadOnlySpan<int> segments, Span<double> totals)
    {
        int width = Width;
        var all = values;
        foreach (int s in segments)
        {
            int start = s * width;
            for (int k = 0; k < width; k++) totals[k] += all[start + k];
        }
    }

    /// <summary>The corpus score.</summary>
    public MetricScore Score() => Metric.ScoreFromStatistics(Totals(), Signature);

    /// <summary>The score of summed statistics (e.g. a resample), with this corpus's signature.</summary>
    public MetricScore Score(ReadOnlySpan<double> totals) => Metric.ScoreFromStatistics(totals, Signature);

    /// <summary>The score of each segment alone (sentence-level scores).</summary>
    public IReadOnlyList<MetricScore> SegmentScores()
    {
        var scores = new MetricScore[Segments];
        for (int s = 0; s < Segments; s++) scores[s] = Metric.ScoreFromStatistics(Row(s), Signature);
        return scores;
    }

    /// <summary>
    /// Computes the statistics of every segment in parallel. Empty reference lines are skipped, as
    /// sacreBLEU does to allow a varying number of references; a segment without any throws.
    /// </summary>
    public static SufficientStatistics Extract(TranslationMetric metric, IReadOnlyList<string> hypotheses,
        IReadOnlyList<IReadOnlyList<string>> references, IProgress<int>? segmentsDone = null)
    {
        if (references.Count == 0) throw new ArgumentException("at least one reference stream is needed", nameof(references));
        for (int r = 0; r < references.Count; r++)
            if (references[r].Count != hypotheses.Count)
                throw new ArgumentException(
                    $"reference stream {r + 1} has {references[r].Count} segments but the hypotheses have {hypotheses.Count}", nameof(references));

        int segments = hypotheses.Count;
        int minRefs = int.MaxValue, maxRefs = 0;
        var present = new string[segments][];
        for (int s = 0; s < segments; s++)
        {
            var list = new List<string>(references.Count);
            foreach (var stream in references) if (stream[s].Length > 0) list.Add(stream[s]);
            if (list.Count == 0) throw new ArgumentException($"segment {s + 1} has no non-empty reference", nameof(references));
            present[s] = [.. list];
            minRefs = Math.Min(minRefs, list.Count);
            maxRefs = Math.Max(maxRefs, list.Count);
        }
        var signature = metric.SignatureFor(segments == 0 ? references.Count : minRefs == maxRefs ? minRefs : -1);
        var result = new SufficientStatistics(metric, segments, signature);
        int width = result.Width;
        int done = 0;
        Parallel.For(0, segments, s =>
        {
            metric.SegmentStatistics(hypotheses[s], present[s], result.values.AsSpan(s * width, width));
            if (segmentsDone != null) segmentsDone.Report(Interlocked.Increment(ref done));
        });
        return result;
    }
}
