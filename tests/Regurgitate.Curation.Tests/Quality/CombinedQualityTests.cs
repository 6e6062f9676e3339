using Regurgitate.Errors;
using Regurgitate.Quality;

namespace Regurgitate.Tests.Quality;

public class CombinedQualityTests
{
    [Fact]
    public void Combined_is_the_mean_z_score_of_the_available_scores()
    {
        var scores = new Dictionary<string, IReadOnlyList<double?>>
        {
            ["a"] = [1.0, 2.0, 3.0],       // z: -1.2247, 0, 1.2247
            ["b"] = [30.0, null, 10.0],    // z: 1, -, -1
        };
        var combined = CombinedQuality.Combine(scores, [false, false, false]);
        Assert.Equal((-1.224745 + 1) / 2, combined[0], 5);
        Assert.Equal(0, combined[1], 5);
        Assert.Equal((1.224745 - 1) / 2, combined[2], 5);
    }

    [Fact]
    public void A_flagged_pair_ranks_below_every_unflagged_pair_however_good_its_scores()
    {
        var scores = new Dictionary<string, IReadOnlyList<double?>>
        {
            ["a"] = [100.0, 1.0, 2.0, 90.0],
            [QualityScoreNames.Errors] = [0.0, 1.0, 1.0, 0.0],
        };
        var combined = CombinedQuality.Combine(scores, [true, false, false, true]);
        Assert.Equal([2, 1, 0, 3], QualityOrder.BestFirst(combined));
    }

    [Fact]
    public void Confidence_is_the_log_probability_per_target_token_and_null_without_a_count()
    {
        QualityPair[] pairs =
        [
            new(1, "s", "kurz", LogProbability: -2, TargetTokens: 4),
            new(2, "s", "ein viel längerer Satz", LogProbability: -8, TargetTokens: 16),
            new(3, "s", "ohne Zählung", LogProbability: -3),
            new(4, "s", "ohne alles"),
        ];
        Assert.Equal([-0.5, -0.5, null, null], new ConfidenceScore().Score(pairs));
    }

    [Fact]
    public void Errors_score_is_zero_for_a_copied_source_and_one_for_a_translation()
    {
        QualityPair[] pairs =
        [
            new(1, "The man walks his dog in the park.", "Der Mann führt seinen Hund im Park aus."),
            new(2, "A woman is reading a book on a bench.", "A woman is reading a book on a bench."),
        ];
        var options = ErrorOptions.Defaults with { TargetScripts = TargetScripts.For("de")! };
        Assert.Equal([1.0, 0.0], new ErrorFreeScore(options).Score(pairs));
    }
}
