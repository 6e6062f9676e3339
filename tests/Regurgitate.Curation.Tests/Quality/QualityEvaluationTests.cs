using Regurgitate.Quality;

namespace Regurgitate.Tests.Quality;

public class QualityEvaluationTests
{
    [Fact]
    public void A_score_equal_to_the_truth_has_spearman_one_full_precision_and_a_threshold_at_the_median()
    {
        var truth = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var e = QualityEvaluation.Evaluate("perfect", [.. truth.Select(t => (double?)t)], truth);
        Assert.Equal(1, e.Spearman, 9);
        Assert.All(QualityEvaluation.TopPercents, k => Assert.Equal(1, e.TopPrecision[k]));
        Assert.Equal(1, e.ThresholdF1, 9);
        Assert.Equal(51, e.Threshold);
        Assert.Equal(0.5, e.ThresholdKeptShare);
    }

    [Fact]
    public void A_reversed_score_has_spearman_minus_one_and_no_precision()
    {
        var truth = Enumerable.Range(1, 100).Select(i => (double)i).ToArray();
        var e = QualityEvaluation.Evaluate("reversed", [.. truth.Select(t => (double?)-t)], truth);
        Assert.Equal(-1, e.Spearman, 9);
        Assert.Equal(0, e.TopPrecision[10]);
        Assert.Equal(0, e.TopPrecision[25]);
    }

    [Fact]
    public void Spearman_gives_ties_their_average_rank_as_scipy_does()
    {
        // Ranks (1, 2.5, 2.5, 4, 5) and (2, 1, 3.5, 3.5, 5): their Pearson correlation is 7.25 / sqrt(9.5 * 9.5) = 29/38,
        // what scipy.stats.spearmanr gives for these samples.
        Assert.Equal(29.0 / 38, RankCorrelation.Spearman([1, 2, 2, 3, 5], [2, 1, 4, 4, 9]), 12);
    }
}
