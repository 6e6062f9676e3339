using Regurgitate.Quality;

namespace Regurgitate.Tests.Quality;

/// <summary>The must-hold lessons of quality filtering, checked on real MT outputs (WMT17 en→de).</summary>
public class RealDataLessonsTests
{
    const int Count = 600;

    [Fact]
    public void Agreement_and_combined_correlate_with_chrF_against_the_reference()
    {
        var pairs = Wmt17Pairs.Pairs(Count);
        var quality = QualityScoring.Score(pairs, [new AgreementScore(Wmt17Pairs.Others(Count)), new ErrorFreeScore(Wmt17Pairs.ErrorOptions)], Wmt17Pairs.ErrorOptions);
        var truth = Wmt17Pairs.ChrfAgainstReference(pairs);
        var evaluations = QualityEvaluation.Evaluate(quality, truth).ToDictionary(e => e.Name);
        foreach (var name in new[] { QualityScoreNames.Agreement, QualityScoreNames.Combined })
        {
            var e = evaluations[name];
            Assert.True(e.Spearman > 0.2, $"{name}: Spearman {e.Spearman:0.000}");
            // Better than chance (k%) at picking the true best quarter.
            Assert.True(e.TopPrecision[25] > 0.35, $"{name}: precision of the top 25% {e.TopPrecision[25]:0.000}");
        }
    }

    [Fact]
    public void A_copied_source_never_ranks_as_high_quality_under_combined_even_when_the_generator_is_sure_of_it()
    {
        // COMET #192: reference-free QE rewards copies. Replace every 20th target by its English source and give the
        // copies the highest generator confidence, as a model that copies would report.
        var pairs = Wmt17Pairs.Pairs(Count);
        var copies = Enumerable.Range(0, Count).Where(i => i % 20 == 7).ToHashSet();
        var random = new Random(3);
        var corpus = pairs.Select((p, i) => copies.Contains(i)
                ? p with { Target = p.Source, LogProbability = -0.01 * 10, TargetTokens = 10 }
                : p with { LogProbability = -(0.3 + random.NextDouble()) * 10, TargetTokens = 10 })
            .ToList();
        var quality = QualityScoring.Score(corpus,
            [new ConfidenceScore(), new AgreementScore(Wmt17Pairs.Others(Count)), new ErrorFreeScore(Wmt17Pairs.ErrorOptions)], Wmt17Pairs.ErrorOptions);

        var order = quality.BestFirst();
        var rank = new int[Count];
        for (int r = 0; r < Count; r++) rank[order[r]] = r;
        foreach (int i in copies)
            Assert.True(rank[i] >= Count * 3 / 4, $"copied source at line {i + 1} ranks {rank[i] + 1} of {Count}: \"{corpus[i].Target}\"");
        // And confidence alone would have put every copy first.
        var byConfidence = QualityOrder.BestFirst(quality.Of(QualityScoreNames.Confidence)).Take(copies.Count).ToHashSet();
        Assert.Equal(copies, byConfidence);
    }

    [Fact]
    public void Short_pairs_are_not_pushed_to_the_bottom_by_combined()
    {
        // mozilla/translations #71: length-normalised scores must not drop short sentences wholesale.
        var pairs = Wmt17Pairs.Pairs(Count);
        var quality = QualityScoring.Score(pairs, [new AgreementScore(Wmt17Pairs.Others(Count)), new ErrorFreeScore(Wmt17Pairs.ErrorOptions)], Wmt17Pairs.ErrorOptions);
        var words = pairs.Select(p => p.Source.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToArray();
        int shortLimit = words.Order().ElementAt(Count / 4); // the shortest quarter of the sources
        var shortPairs = Enumerable.Range(0, Count).Where(i => words[i] <= shortLimit).ToHashSet();
        double overall = (double)shortPairs.Count / Count;
        double inTopHalf = (double)quality.BestFirst().Take(Count / 2).Count(shortPairs.Contains) / (Count / 2);
        Assert.True(inTopHalf >= 0.75 * overall, $"pairs of <= {shortLimit} source words: {inTopHalf:P1} of the top half, {overall:P1} overall");
    }
}
