using Regurgitate.Diversity;

namespace Regurgitate.Tests.Diversity;

public class DistinctNTests
{
    // Two segments, N = 6 tokens.
    static readonly string[][] Segments = [["the", "cat", "sat"], ["the", "cat", "ran"]];

    [Fact]
    public void Distinct_n_by_hand_counts_within_segments_over_tokens()
    {
        // Unigrams {the, cat, sat, ran} = 4 → 4/6.
        Assert.Equal(4.0 / 6, DistinctN.Compute(Segments, 1), 12);
        // Bigrams "the cat", "cat sat", "the cat", "cat ran" → 3 distinct → 3/6 (not 4/6: "sat the"
        // would cross the segment boundary, and the denominator is tokens, as in Li et al.).
        Assert.Equal(3.0 / 6, DistinctN.Compute(Segments, 2), 12);
        // Trigrams "the cat sat", "the cat ran" → 2/6.
        Assert.Equal(2.0 / 6, DistinctN.Compute(Segments, 3), 12);
    }

    [Fact]
    public void No_tokens_is_undefined()
    {
        Assert.True(double.IsNaN(DistinctN.Compute([[]], 2)));
    }
}
