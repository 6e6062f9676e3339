using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

public class HolmTests
{
    [Fact]
    public void Holm_adjustment_matches_R_p_adjust()
    {
        // R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm") = 0.03 0.06 0.06 0.02
        var adjusted = Holm.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.03, 0.06, 0.06, 0.02], adjusted.Select(p => Math.Round(p, 12)));
        Assert.Equal([1.0, 1.0], Holm.Adjust([0.6, 0.7]));
    }

    [Fact]
    public void An_undecidable_comparison_counts_in_the_family_and_stays_NaN()
    {
        var adjusted = Holm.Adjust([0.01, double.NaN]);
        Assert.Equal(0.02, adjusted[0], 12);
        Assert.True(double.IsNaN(adjusted[1]));
    }
}
