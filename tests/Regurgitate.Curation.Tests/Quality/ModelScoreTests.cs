using Regurgitate.Decoding;
using Regurgitate.Quality;

namespace Regurgitate.Tests.Quality;

public class ModelScoreTests(TinyReversalModel model) : IClassFixture<TinyReversalModel>
{
    readonly List<string> sources = TinyReversalModel.Sentences(60, seed: 99);

    [Fact]
    public void Forced_score_of_the_greedy_output_equals_its_decoding_log_probability_per_token()
    {
        var greedy = model.Translator.Translate(sources, new DecodingOptions { Strategy = DecodingStrategy.Greedy });
        var forced = model.Translator.ScoreTargets(sources, [.. greedy.Select(t => t.Text)], batchSize: 7);
        for (int i = 0; i < sources.Count; i++)
            Assert.Equal(greedy[i].LogProbability / greedy[i].TokenCount, forced[i], 3);
    }

    [Fact]
    public void Scorer_rates_the_models_own_greedy_output_above_a_shuffled_or_unrelated_target()
    {
        var greedy = model.Translator.Translate(sources, new DecodingOptions { Strategy = DecodingStrategy.Greedy }).Select(t => t.Text).ToList();
        var random = new Random(5);
        var shuffled = greedy.Select(t => string.Join(' ', t.Split(' ').OrderBy(_ => random.Next()))).ToList();
        var unrelated = greedy.Skip(1).Append(greedy[0]).ToList();
        var score = new ScorerModelScore(model.Translator, batchSize: 16);
        var own = score.Score(Pairs(greedy));
        var ofShuffled = score.Score(Pairs(shuffled));
        var ofUnrelated = score.Score(Pairs(unrelated));
        for (int i = 0; i < sources.Count; i++)
        {
            // A shuffle may leave a sentence as it was (repeated letters): then the scores are equal.
            if (shuffled[i] != greedy[i]) Assert.True(own[i] > ofShuffled[i], $"pair {i}: {own[i]} vs shuffled {ofShuffled[i]}");
            Assert.True(own[i] > ofUnrelated[i], $"pair {i}: {own[i]} vs unrelated {ofUnrelated[i]}");
        }
    }

    [Fact]
    public void Round_trip_rates_correct_targets_above_corrupted_ones()
    {
        // Reversal is its own inverse: the model is also the reverse model.
        var correct = sources.Select(TinyReversalModel.Reverse).ToList();
        var corrupted = correct.Select(t => string.Join(' ', t.Split(' ').Take(2))).ToList();
        var score = new RoundTripScore(model.Translator);
        var good = score.Score(Pairs(correct)).Select(v => v!.Value).ToList();
        var bad = score.Score(Pairs(corrupted)).Select(v => v!.Value).ToList();
        Assert.True(good.Average() > bad.Average() + 20, $"mean round-trip chrF {good.Average():0.0} (correct) vs {bad.Average():0.0} (first two letters only)");
        int better = good.Zip(bad).Count(p => p.First > p.Second);
        Assert.True(better >= sources.Count * 2 / 3, $"{better} of {sources.Count} correct targets round-trip better than their corruption");
    }

    [Fact]
    public void Scorer_prefers_pairs_of_the_task_without_pushing_short_ones_to_the_bottom()
    {
        // Mean, not total, log-probability: with totals every short pair would outrank every long one and vice versa.
        var correct = sources.Select(TinyReversalModel.Reverse).ToList();
        var scores = new ScorerModelScore(model.Translator).Score(Pairs(correct));
        var order = QualityOrder.BestFirst(scores);
        var shortOnes = Enumerable.Range(0, sources.Count).Where(i => sources[i].Split(' ').Length <= 5).ToHashSet();
        double overall = (double)shortOnes.Count / sources.Count;
        double inTopHalf = (double)order.Take(sources.Count / 2).Count(shortOnes.Contains) / (sources.Count / 2);
        Assert.True(inTopHalf >= 0.5 * overall, $"short pairs: {inTopHalf:P0} of the top half, {overall:P0} overall");
    }

    List<QualityPair> Pairs(IReadOnlyList<string> targets) => [.. sources.Select((s, i) => new QualityPair(i + 1, s, targets[i]))];
}
