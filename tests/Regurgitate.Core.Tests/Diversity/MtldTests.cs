using Regurgitate.Diversity;

namespace Regurgitate.Tests.Diversity;

public class MtldTests
{
    [Fact]
    public void Repeated_token_completes_a_factor_every_two_tokens()
    {
        // "a a a a": TTR 1/1, then 1/2 = 0.5 ≤ 0.72 → factor; again → 2 factors, nothing left over.
        // MTLD = 4 / 2 = 2 in both directions.
        Assert.Equal(2, Mtld.Forward(["a", "a", "a", "a"]), 12);
        Assert.Equal(2, Mtld.Compute(["a", "a", "a", "a"]), 12);
    }

    [Fact]
    public void Partial_factor_and_bidirectional_average_by_hand()
    {
        string[] text = ["x", "x", "a", "b", "c", "a"];
        // Forward: x (1/1), x (1/2 = 0.5) → factor 1. Then a, b, c (3/3), a (3/4 = 0.75 > 0.72), end:
        // partial factor (1 − 0.75) / (1 − 0.72) = 0.25/0.28 = 0.892857...; MTLD = 6 / 1.892857 = 3.169811...
        double forward = 6 / (1 + 0.25 / 0.28);
        Assert.Equal(forward, Mtld.Forward(text), 12);
        // Backward: a c b (3/3), a (3/4), x (4/5 = 0.8), x (4/6 = 0.667 ≤ 0.72) → factor 1, nothing left: 6 / 1 = 6.
        Assert.Equal(6, Mtld.Forward(text.Reverse().ToArray()), 12);
        // Bidirectional MTLD = (3.169811 + 6) / 2 = 4.584906...
        Assert.Equal((forward + 6) / 2, Mtld.Compute(text), 12);
    }

    [Fact]
    public void Threshold_is_an_option()
    {
        string[] text = ["x", "x", "a", "b", "c", "a"];
        // Threshold 0.5. Forward: x x (1/2 = 0.5 ≤ 0.5) → factor 1; a b c a ends at TTR 3/4:
        // partial (1 − 0.75)/(1 − 0.5) = 0.5 → 6 / 1.5 = 4.
        // Backward: a c b a x x ends at TTR 4/6 > 0.5, no factor: partial (1 − 2/3)/0.5 = 2/3 → 6 / (2/3) = 9.
        // MTLD = (4 + 9) / 2 = 6.5.
        Assert.Equal(6.5, Mtld.Compute(text, threshold: 0.5), 12);
    }

    [Fact]
    public void Text_without_a_repeated_token_reports_its_length()
    {
        // No factor completes and the leftover TTR is 1, so the partial factor is 0: our value is N.
        Assert.Equal(3, Mtld.Compute(["a", "b", "c"]), 12);
    }

    [Fact]
    public void Empty_text_is_undefined()
    {
        Assert.True(double.IsNaN(Mtld.Compute([])));
    }
}
