using Regurgitate.Metrics;

namespace Regurgitate.Tests.Metrics;

/// <summary>Small cases computed by hand, and the edges: empty lines, several references, long lines.</summary>
public class MetricEdgeCaseTests
{
    static BleuScore Bleu(string hyp, params string[] refs) => (BleuScore)new Bleu().SentenceScore(hyp, refs);

    [Fact]
    public void Identical_segments_score_100_bleu_100_chrf_and_0_ter()
    {
        const string text = "The cat sat on the mat.";
        Assert.Equal(100, Bleu(text, text).Score, 9);
        Assert.Equal(100, new Chrf().SentenceScore(text, [text]).Score, 9);
        Assert.Equal(100, new Chrf(ChrfOptions.PlusPlus).SentenceScore(text, [text]).Score, 9);
        Assert.Equal(0, new Ter().SentenceScore(text, [text]).Score, 9);
    }

    [Fact]
    public void Clipped_counts_and_exp_smoothing_by_hand()
    {
        // "the" occurs once in the reference, so 1 of 4 unigrams match; no higher order matches.
        var score = Bleu("the the the the", "the cat");
        Assert.Equal([1, 0, 0, 0], score.Counts);
        Assert.Equal([4, 3, 2, 1], score.Totals);
        // exp smoothing: the k-th zero precision is 100 / (2^k * total).
        double expected = Math.Exp((Math.Log(25) + Math.Log(100.0 / (2 * 3)) + Math.Log(100.0 / (4 * 2)) + Math.Log(100.0 / (8 * 1))) / 4);
        Assert.Equal(expected, score.Score, 9);
        Assert.Equal(1.0, score.BrevityPenalty);
    }

    [Fact]
    public void Smoothing_methods_and_their_signatures()
    {
        var counts = new double[] { 3, 1, 0, 0 };
        var totals = new double[] { 4, 3, 2, 1 };
        var sig = new Bleu().SignatureFor(1);
        double none = Regurgitate.Metrics.Bleu.Compute(counts, totals, 4, 4, BleuSmoothing.None, null, false, sig).Score;
        double floor = Regurgitate.Metrics.Bleu.Compute(counts, totals, 4, 4, BleuSmoothing.Floor, null, false, sig).Score;
        double addK = Regurgitate.Metrics.Bleu.Compute(counts, totals, 4, 4, BleuSmoothing.AddK, null, false, sig).Score;
        Assert.Equal(0, none, 9); // log(0) floored at -9999999999
        Assert.Equal(Math.Exp((Math.Log(75) + Math.Log(100.0 / 3) + Math.Log(100 * 0.1 / 2) + Math.Log(100 * 0.1 / 1)) / 4), floor, 9);
        Assert.Equal(Math.Exp((Math.Log(75) + Math.Log(200.0 / 4) + Math.Log(100.0 / 3) + Math.Log(100.0 / 2)) / 4), addK, 9);
        Assert.Equal("nrefs:1|case:mixed|eff:no|tok:13a|smooth:floor[0.10]|version:2.6.0",
            new Bleu(new BleuOptions { Smoothing = BleuSmoothing.Floor }).SignatureFor(1).ToString());
        Assert.Equal("nrefs:2|case:lc|eff:no|tok:intl|smooth:add-k[2.00]|version:2.6.0",
            new Bleu(new BleuOptions { Smoothing = BleuSmoothing.AddK, SmoothValue = 2, Lowercase = true, Tokenize = "intl" }).SignatureFor(2).ToString());
    }

    [Fact]
    public void Multiple_references_clip_by_the_best_reference_and_take_the_closest_length()
    {
        var score = Bleu("a b c", "a b x", "x b c");
        Assert.Equal([3, 2, 0, 0], score.Counts);
        Assert.Equal(3, score.ReferenceLength);
        // Ties in length distance go to the shorter reference.
        Assert.Equal(2, Bleu("a b c", "a b c d", "a b").ReferenceLength);
        Assert.Equal("nrefs:2|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", score.Signature.ToString());
    }

    [Fact]
    public void Empty_hypotheses_score_zero_and_count_in_the_corpus_length()
    {
        var empty = Bleu("", "a b c");
        Assert.Equal(0, empty.Score);
        Assert.Equal(0, empty.BrevityPenalty);
        Assert.Equal(100, new Ter().SentenceScore("", ["a b c"]).Score, 9);
        Assert.Equal(0, new Chrf().SentenceScore("", ["a b c"]).Score);

        var corpus = (BleuScore)new Bleu().CorpusScore(["a b c d", ""], ["a b c d", "e f"]);
        Assert.Equal(4, corpus.HypothesisLength);
        Assert.Equal(6, corpus.ReferenceLength);
        Assert.Equal(Math.Exp(1 - 6.0 / 4) * 100, corpus.Score, 9);
    }

    [Fact]
    public void Empty_reference_lines_mean_fewer_references_and_none_is_an_error()
    {
        var bleu = new Bleu();
        var score = bleu.CorpusScore(["a b", "c d"], [["a b", "c d"], ["a b", ""]]);
        Assert.Equal("var", score.Signature.References);
        Assert.Throws<ArgumentException>(() => bleu.CorpusScore(["a b", "c d"], [["a b", ""]]));
        Assert.Throws<ArgumentException>(() => bleu.CorpusScore(["a b", "c d"], [["a b"]]));
    }

    [Fact]
    public void Lowercase_and_html_entities_follow_13a()
    {
        // Four tokens at least: without effective order a missing 4-gram order gives 0.
        Assert.Equal(100, new Bleu(new BleuOptions { Lowercase = true }).SentenceScore("Tom &amp; JERRY went home", ["tom & jerry went home"]).Score, 9);
        Assert.True(Bleu("Tom &amp; JERRY went home", "tom & jerry went home").Score < 100);
        Assert.Equal(100, Bleu("Tom &amp; Jerry went home", "Tom & Jerry went home").Score, 9);
        Assert.Equal(0, Bleu("Tom &amp; Jerry", "Tom & Jerry").Score);
    }

    [Fact]
    public void Numbers_keep_decimal_separators_together()
    {
        var score = Bleu("It costs 3.50 dollars.", "It costs 3.50 dollars.");
        Assert.Equal(5 + 0.0, score.HypothesisLength); // It costs 3.50 dollars .
        Assert.Equal(100, score.Score, 9);
    }

    [Fact]
    public void Chrf_hand_computed_and_chrfpp_word_split()
    {
        // "ab" vs "ac": unigrams a,b vs a,c → 1 match of 2; bigrams ab vs ac → 0 of 1 (orders 3..6 absent).
        // Effective order 2: P = R = (1/2 + 0) / 2 = 0.25; F2 = 0.25.
        Assert.Equal(25, new Chrf().SentenceScore("ab", ["ac"]).Score, 9);
        Assert.Equal(["(hi", ")", "there", "."], Chrf.SplitPunctuation("(hi) there."));
        Assert.Equal(["\"", "quoted", "x"], Chrf.SplitPunctuation("\"quoted x"));
        Assert.Equal(0, new Chrf().SentenceScore("xyz", ["abc"]).Score);
    }

    [Fact]
    public void Chrf_with_several_references_keeps_the_best_one()
    {
        var chrf = new Chrf();
        double best = chrf.SentenceScore("the green house", ["the green house"]).Score;
        Assert.Equal(best, chrf.SentenceScore("the green house", ["a red car", "the green house"]).Score, 9);
    }

    [Fact]
    public void Ter_counts_a_block_shift_as_one_edit()
    {
        // Moving "c d" to the front turns the hypothesis into the reference: 1 edit over 4 words.
        Assert.Equal(25, new Ter().SentenceScore("a b c d", ["c d a b"]).Score, 9);
        Assert.Equal((1L, 4), TranslationEditRate.Compute([1, 2, 3, 4], [3, 4, 1, 2]));
        // One substitution, one deletion.
        Assert.Equal((2L, 3), TranslationEditRate.Compute([1, 9, 2, 3], [1, 2, 4]));
        // Empty reference: every hypothesis word is an edit.
        Assert.Equal((2L, 0), TranslationEditRate.Compute([1, 2], []));
    }

    [Fact]
    public void Ter_is_case_insensitive_unless_asked()
    {
        Assert.Equal(0, new Ter().SentenceScore("Hello World", ["hello world"]).Score, 9);
        Assert.Equal(100, new Ter(new TerOptions { CaseSensitive = true }).SentenceScore("Hello World", ["hello world"]).Score, 9);
        Assert.Equal("nrefs:1|case:mixed|tok:tercom|norm:yes|punct:no|asian:yes|version:2.6.0",
            new Ter(new TerOptions { CaseSensitive = true, Normalized = true, NoPunct = true, AsianSupport = true }).SignatureFor(1).ToString());
    }

    [Fact]
    public void Very_long_lines_score_without_blowing_up()
    {
        var words = Enumerable.Range(0, 20000).Select(i => "w" + (i % 997)).ToArray();
        string line = string.Join(" ", words);
        string shuffled = string.Join(" ", words.Skip(10000).Concat(words.Take(10000)));
        Assert.Equal(100, Bleu(line, line).Score, 9);
        Assert.Equal(0, new Ter().SentenceScore(line, [line]).Score, 9);
        double ter = new Ter().SentenceScore(shuffled, [line]).Score;
        Assert.InRange(ter, 0.001, 100);
        Assert.InRange(new Chrf().SentenceScore(shuffled, [line]).Score, 90, 100);
    }

    [Fact]
    public void Parallel_statistics_equal_sequential_sentence_scores()
    {
        var hyps = MetricsTestData.System("TALP-UPC.4834.de").Take(400).ToArray();
        var refs = MetricsTestData.Reference.Take(400).ToArray();
        foreach (TranslationMetric metric in new TranslationMetric[] { new Bleu(BleuOptions.Sentence), new Chrf(ChrfOptions.PlusPlus), new Ter() })
        {
            var parallel = metric.Statistics(hyps, [refs]).SegmentScores();
            for (int i = 0; i < hyps.Length; i++)
                Assert.Equal(metric.SentenceScore(hyps[i], [refs[i]]).Score, parallel[i].Score, 12);
        }
    }

    [Theory]
    [InlineData(22.25, 1, "22.2")]
    [InlineData(22.35, 1, "22.4")]
    [InlineData(0.125, 2, "0.12")]
    [InlineData(2.5, 0, "2")]
    [InlineData(3.5, 0, "4")]
    [InlineData(0.98533909856, 3, "0.985")]
    [InlineData(100.0, 1, "100.0")]
    [InlineData(0.0, 4, "0.0000")]
    public void Scores_are_formatted_like_python(double value, int digits, string expected) =>
        Assert.Equal(expected, PythonFormat.Fixed(value, digits));
}
