using Regurgitate.Decoding;
using Regurgitate.Tests.Training;

namespace Regurgitate.Tests.Decoding;

[Collection(TrainedReversalModel.Collection)]
public class SearchTests(TrainedReversalModel trained)
{
    List<int[]> Sources => trained.Unseen.Select(p => p.Source).ToList();

    static void AssertSameOutputs(IReadOnlyList<IReadOnlyList<Hypothesis>> expected, IReadOnlyList<IReadOnlyList<Hypothesis>> actual, double tolerance = 1e-3)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (int s = 0; s < expected.Count; s++)
        {
            Assert.Equal(expected[s].Count, actual[s].Count);
            for (int h = 0; h < expected[s].Count; h++)
            {
                Assert.Equal(expected[s][h].Tokens, actual[s][h].Tokens);
                Assert.Equal(expected[s][h].LogProbability, actual[s][h].LogProbability, tolerance);
            }
        }
    }

    [Fact]
    public void Beam_search_with_kv_cache_matches_full_prefix_recomputation()
    {
        var options = new DecodingOptions { Strategy = DecodingStrategy.Beam, BeamSize = 4, BatchSize = 16 };
        var cached = new BeamSearch(trained.Model, options).Search(Sources);
        var uncached = new BeamSearch(trained.Model, options with { UseCache = false }).Search(Sources);
        AssertSameOutputs(cached, uncached);
        Assert.All(cached, hypotheses => Assert.Equal(4, hypotheses.Count));
    }

    [Fact]
    public void Greedy_with_kv_cache_matches_full_prefix_recomputation()
    {
        var options = new DecodingOptions { Strategy = DecodingStrategy.Greedy };
        AssertSameOutputs(
            new GreedySearch(trained.Model, options).Search(Sources),
            new GreedySearch(trained.Model, options with { UseCache = false }).Search(Sources));
    }

    [Fact]
    public void Greedy_equals_beam_of_one()
    {
        var greedy = new GreedySearch(trained.Model, new DecodingOptions { Strategy = DecodingStrategy.Greedy }).Search(Sources);
        var beam = new BeamSearch(trained.Model, new DecodingOptions { Strategy = DecodingStrategy.Beam, BeamSize = 1 }).Search(Sources);
        AssertSameOutputs(greedy, beam);
    }

    [Fact]
    public void Trained_model_reverses_many_unseen_sequences()
    {
        var outputs = new BeamSearch(trained.Model, new DecodingOptions { BeamSize = 5 }).Search(Sources);
        int correct = trained.Unseen.Select((pair, i) => outputs[i][0].Tokens.SequenceEqual(pair.Target)).Count(ok => ok);
        // Chance of reversing a 3-9 letter sequence exactly is nil; a quarter shows the model learned the task.
        Assert.True(correct >= trained.Unseen.Count / 4, $"{correct} of {trained.Unseen.Count} reversed exactly");
    }

    [Fact]
    public void Beam_search_of_a_batch_equals_search_of_each_sentence()
    {
        var options = new DecodingOptions { BeamSize = 3 };
        var batched = new BeamSearch(trained.Model, options).Search(Sources.Take(10).ToList());
        for (int s = 0; s < 10; s++)
        {
            var alone = new BeamSearch(trained.Model, options).Search([Sources[s]]);
            Assert.Equal(batched[s].Select(h => h.Tokens), alone[0].Select(h => h.Tokens));
        }
    }

    [Fact]
    public void Nbest_hypotheses_are_distinct_and_ranked_by_normalized_score()
    {
        var outputs = new BeamSearch(trained.Model, new DecodingOptions { BeamSize = 5, NBest = 5 }).Search(Sources);
        foreach (var hypotheses in outputs)
        {
            Assert.Equal(hypotheses.Count, hypotheses.Select(h => string.Join(',', h.Tokens)).Distinct().Count());
            Assert.True(hypotheses.Zip(hypotheses.Skip(1)).All(p => p.First.Score >= p.Second.Score));
            foreach (var h in hypotheses)
                Assert.Equal(h.LogProbability / (h.Tokens.Length + 1), h.Score, 1e-9);
        }
    }

    [Fact]
    public void Output_length_respects_the_bound()
    {
        var options = new DecodingOptions { BeamSize = 2, MaxLengthA = 0, MaxLengthB = 3 };
        foreach (var hypotheses in new BeamSearch(trained.Model, options).Search(Sources))
            Assert.All(hypotheses, h => Assert.True(h.Tokens.Length + 1 <= 3));
    }

    [Fact]
    public void Sampling_is_reproducible_with_a_seed_and_varies_across_seeds()
    {
        var options = new DecodingOptions { Strategy = DecodingStrategy.Sample, Temperature = 3.0, NBest = 2 };
        string Run(long seed)
        {
            using var translator = new Translator(trained.Model, new CopyTask.LetterTokenizer(), ownsModel: false);
            var outputs = translator.Search(Sources, options with { Seed = seed });
            return string.Join('|', outputs.SelectMany(o => o).Select(h => string.Join(',', h.Tokens)));
        }
        Assert.Equal(Run(5), Run(5));
        Assert.NotEqual(Run(5), Run(6));
    }

    [Fact]
    public void Top_k_of_one_samples_the_greedy_output()
    {
        using var sampler = new TokenSampler(new DecodingOptions { Strategy = DecodingStrategy.Sample, TopK = 1, Temperature = 2.0, Seed = 3 }, trained.Model.Device);
        var search = new GreedySearch(trained.Model, new DecodingOptions { Strategy = DecodingStrategy.Greedy });
        AssertSameOutputs(search.Search(Sources), search.Search(Sources, sampler));
    }

    [Fact]
    public void Tiny_top_p_samples_the_greedy_output()
    {
        using var sampler = new TokenSampler(new DecodingOptions { Strategy = DecodingStrategy.Sample, TopP = 1e-6, Seed = 4 }, trained.Model.Device);
        var search = new GreedySearch(trained.Model, new DecodingOptions { Strategy = DecodingStrategy.Greedy });
        AssertSameOutputs(search.Search(Sources), search.Search(Sources, sampler));
    }

    [Fact]
    public void Translator_returns_detokenized_text_in_input_order()
    {
        var translator = new Translator(trained.Model, new CopyTask.LetterTokenizer(), ownsModel: false);
        var texts = trained.Unseen.Select(p => CopyTask.Text(p.Source)).ToList();
        var translations = translator.Translate(texts, new DecodingOptions { BeamSize = 4, BatchSize = 7 });
        var direct = new BeamSearch(trained.Model, new DecodingOptions { BeamSize = 4 }).Search(Sources);
        Assert.Equal(texts.Count, translations.Count);
        for (int i = 0; i < texts.Count; i++)
        {
            Assert.Equal(CopyTask.Text(direct[i][0].Tokens), translations[i].Text);
            Assert.Equal(direct[i][0].Tokens.Length + 1, translations[i].TokenCount);
            Assert.True(translations[i].LogProbability < 0);
        }
    }
}
