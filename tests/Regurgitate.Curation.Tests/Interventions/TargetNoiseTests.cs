using Regurgitate.Interventions;
using Regurgitate.Metrics;

namespace Regurgitate.Tests.Interventions;

/// <summary>Noise on real Multi30k English targets: the realised corruption follows the rate, and a pair is noised alike in any pool.</summary>
public class TargetNoiseTests
{
    static readonly string[] Targets = [.. TestData.Multi30k("train", "en").Take(2000)];

    [Fact]
    public void Realised_corruption_is_close_to_the_rate_and_ter_grows_with_it()
    {
        double previousTer = -1;
        foreach (double rate in new[] { 0.0, 0.05, 0.1, 0.2, 0.4 })
        {
            var noise = TargetNoise.Create(Targets, NoiseOptions.Defaults with { Rate = rate });
            var results = Targets.Select((t, i) => noise.Apply(i, t)).ToList();
            double realised = (double)results.Sum(r => r.Changed) / results.Sum(r => r.Tokens);
            Assert.InRange(realised, rate - 0.01, rate + 0.01);
            double ter = new Ter().Statistics([.. results.Select(r => r.Text)], [Targets]).Score().Score;
            Assert.True(ter > previousTer, $"TER {ter} at rate {rate} is not above {previousTer}");
            // Each corrupted token costs about one edit (a swap may cost two, or one shift).
            if (rate > 0) Assert.InRange(ter, 60 * rate, 160 * rate);
            previousTer = ter;
        }
    }

    [Fact]
    public void A_pair_is_noised_the_same_whatever_the_pool_and_never_emptied()
    {
        var small = TargetNoise.Create(Targets, NoiseOptions.Defaults with { Rate = 0.3 });
        var again = TargetNoise.Create(Targets, NoiseOptions.Defaults with { Rate = 0.3 });
        for (int i = 0; i < 200; i++) Assert.Equal(small.Apply(i, Targets[i]), again.Apply(i, Targets[i]));
        // Another seed gives other noise; rate 1 with only drops still leaves one token.
        var other = TargetNoise.Create(Targets, NoiseOptions.Defaults with { Rate = 0.3, Seed = 2 });
        Assert.True(Enumerable.Range(0, 200).Count(i => other.Apply(i, Targets[i]).Text != small.Apply(i, Targets[i]).Text) > 100);
        var drops = TargetNoise.Create(Targets, new NoiseOptions(1, NoiseMix.Of([NoiseOperation.Drop])));
        Assert.All(Enumerable.Range(0, 50), i => Assert.NotEmpty(drops.Apply(i, Targets[i]).Text));
    }

    [Fact]
    public void Each_operation_does_what_it_says()
    {
        const string target = "a b c d e f g h i j";
        var vocabulary = TargetNoise.Create(Targets, new NoiseOptions(0.5, NoiseMix.Of([NoiseOperation.Drop])));
        Assert.Equal(5, vocabulary.Apply(7, target).Text.Split(' ').Length);
        var swaps = TargetNoise.Create(Targets, new NoiseOptions(0.2, NoiseMix.Of([NoiseOperation.Swap])));
        var swapped = swaps.Apply(7, target).Text.Split(' ');
        Assert.Equal(target.Split(' ').Order(), swapped.Order());
        Assert.NotEqual(target, string.Join(" ", swapped));
        var substitutes = TargetNoise.Create(Targets, new NoiseOptions(0.3, NoiseMix.Of([NoiseOperation.Substitute])));
        var substituted = substitutes.Apply(7, target).Text.Split(' ');
        Assert.Equal(10, substituted.Length);
        Assert.Equal(3, substituted.Zip(target.Split(' ')).Count(p => p.First != p.Second));
    }

    [Fact]
    public void Bad_settings_are_input_errors()
    {
        Assert.Throws<InputException>(() => TargetNoise.Create(Targets, NoiseOptions.Defaults with { Rate = 1.5 }));
        Assert.Throws<InputException>(() => TargetNoise.Create(Targets, NoiseOptions.Defaults with { Mix = new NoiseMix(0, 0, 0) }));
    }
}
