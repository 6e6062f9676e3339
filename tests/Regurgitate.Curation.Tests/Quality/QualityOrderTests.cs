using Regurgitate.Quality;

namespace Regurgitate.Tests.Quality;

public class QualityOrderTests
{
    [Fact]
    public void Best_first_orders_by_descending_score_with_ties_in_pool_order_and_missing_scores_last()
    {
        double?[] scores = [0.5, null, 0.9, 0.5, double.NaN, 0.1, 0.9];
        Assert.Equal([2, 6, 0, 3, 5, 1, 4], QualityOrder.BestFirst(scores));
    }

    [Fact]
    public void Best_first_is_a_permutation_and_the_same_on_every_call()
    {
        var random = new Random(1);
        var scores = Enumerable.Range(0, 1000).Select(_ => (double?)Math.Round(random.NextDouble(), 1)).ToList();
        var first = QualityOrder.BestFirst(scores);
        Assert.Equal(Enumerable.Range(0, 1000), first.Order());
        Assert.Equal(first, QualityOrder.BestFirst(scores));
        for (int r = 1; r < first.Length; r++)
        {
            Assert.True(scores[first[r - 1]] >= scores[first[r]]);
            if (scores[first[r - 1]] == scores[first[r]]) Assert.True(first[r - 1] < first[r]);
        }
    }
}
