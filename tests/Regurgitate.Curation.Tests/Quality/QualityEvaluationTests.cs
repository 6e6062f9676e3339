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
}
