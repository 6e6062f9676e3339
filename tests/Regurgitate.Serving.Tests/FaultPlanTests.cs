using Regurgitate.Serving;

namespace Regurgitate.Tests;

public class FaultPlanTests
{
    [Fact]
    public void Cycle_repeats_in_order()
    {
        var plan = FaultPlan.Parse("429,500,timeout,malformed,ok");
        var faults = Enumerable.Range(0, 7).Select(_ => plan.Next()).ToList();
        Assert.Equal([Fault.RateLimited, Fault.ServerError, Fault.Timeout, Fault.Malformed, Fault.None, Fault.RateLimited, Fault.ServerError], faults);
    }

    [Fact]
    public void Probabilities_are_reproducible_with_a_seed_and_near_their_rates()
    {
        var a = FaultPlan.Parse("429:0.2,500:0.1", seed: 7);
        var b = FaultPlan.Parse("429:0.2,500:0.1", seed: 7);
        var drawsA = Enumerable.Range(0, 10000).Select(_ => a.Next()).ToList();
        var drawsB = Enumerable.Range(0, 10000).Select(_ => b.Next()).ToList();
        Assert.Equal(drawsA, drawsB);
        // 10,000 draws: the standard error of a 0.2 rate is 0.004, so 0.18..0.22 is five of them.
        Assert.InRange(drawsA.Count(f => f == Fault.RateLimited) / 10000.0, 0.18, 0.22);
        Assert.InRange(drawsA.Count(f => f == Fault.ServerError) / 10000.0, 0.085, 0.115);
        Assert.InRange(drawsA.Count(f => f == Fault.None) / 10000.0, 0.67, 0.73);
    }

    [Theory]
    [InlineData("429,500:0.1")]
    [InlineData("418")]
    [InlineData("429:1.5")]
    [InlineData("429:0.7,500:0.7")]
    [InlineData(" , ")]
    public void Bad_syntax_is_an_input_error(string text) =>
        Assert.Throws<InputException>(() => FaultPlan.Parse(text));
}
