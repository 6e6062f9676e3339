using Regurgitate.Errors;

namespace Regurgitate.Tests.Errors;

public class SignalTests
{
    [Fact]
    public void Source_overlap_counts_words_only_and_clips()
    {
        // Words of the output: the, cat, sat (the "." is not a word); the and cat are in the source: 2/3.
        Assert.Equal(2.0 / 3, SourceCopy.Overlap(["the", "cat", "sat", "."], ["the", "cat", "."]), 12);
        // "the" three times against one "the" in the source: only one is matched (clipped), 1/3.
        Assert.Equal(1.0 / 3, SourceCopy.Overlap(["the", "the", "the"], ["the"]), 12);
        // Numbers are not words: nothing to compare.
        Assert.True(double.IsNaN(SourceCopy.Overlap(["2017", "."], ["2017", "."])));
    }

    [Fact]
    public void Back_to_back_repetitions_are_found_with_their_unit()
    {
        Assert.Equal(new RepetitionLoop(3, 3), RepetitionLoop.Longest("a b c a b c a b c".Split(' ')));
        Assert.Equal(new RepetitionLoop(1, 4), RepetitionLoop.Longest("x the the the the y".Split(' ')));
        // "of the of the" (2 copies) is shorter than "very very very" (3 copies).
        Assert.Equal(new RepetitionLoop(1, 3), RepetitionLoop.Longest("of the of the very very very".Split(' ')));
        Assert.Equal(RepetitionLoop.None, RepetitionLoop.Longest("a b c d".Split(' ')));
        // Punctuation runs (an ellipsis tokenized as ". . .") are not loops.
        Assert.Equal(RepetitionLoop.None, RepetitionLoop.Longest("wait . . . .".Split(' ')));
    }

    [Fact]
    public void Repeated_ngram_share_by_hand()
    {
        // 4-grams of "a b c d a b c d": abcd, bcda, cdab, dabc, abcd: the last repeats the first, 1/5.
        Assert.Equal(0.2, RepetitionLoop.RepeatedNgramShare("a b c d a b c d".Split(' ')), 12);
        Assert.Equal(0, RepetitionLoop.RepeatedNgramShare("a b c d e".Split(' ')), 12);
        Assert.True(double.IsNaN(RepetitionLoop.RepeatedNgramShare(["a", "b"])));
    }

    [Fact]
    public void Robust_z_by_hand()
    {
        // Median 3; absolute deviations 2, 1, 0, 1, 97 → MAD 1, scale 1.4826.
        var z = RobustZ.From([1, 2, 3, 4, 100]);
        Assert.Equal(3, z.Center, 12);
        Assert.Equal(1.4826, z.Scale, 12);
        Assert.Equal(97 / 1.4826, z.Score(100), 9);
        Assert.Equal(0, z.Score(3), 12);
        // A given centre keeps the spread of the values.
        var given = RobustZ.From([1, 2, 3, 4, 100], center: 2);
        Assert.Equal(-1 / 1.4826, given.Score(1), 9);
    }

    [Fact]
    public void Robust_z_falls_back_to_mean_absolute_deviation_when_mad_is_zero()
    {
        // Median 5, deviations 0, 0, 0, 1: MAD 0, mean absolute deviation 0.25 → scale 1.2533 · 0.25.
        var z = RobustZ.From([5, 5, 5, 6]);
        Assert.Equal(1.2533 * 0.25, z.Scale, 12);
        Assert.Equal(1 / (1.2533 * 0.25), z.Score(6), 9);
    }
}
