using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Tests.Training;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Decoding;

/// <summary>Forced decoding of references on the trained reversal model: what it scores, and that batching and repetition leave it alone.</summary>
[Collection(TrainedReversalModel.Collection)]
public class ReferenceLikelihoodTests(TrainedReversalModel trained)
{
    List<int[]> Sources => trained.Unseen.Select(p => p.Source).ToList();
    List<int[]> References => trained.Unseen.Select(p => p.Target).ToList();

    ReferenceLikelihood Scorer(int batchTokens = ReferenceLikelihood.DefaultBatchTokens) =>
        new(trained.Model, new CopyTask.LetterTokenizer(), batchTokens);

    [Fact]
    public void Nll_of_the_greedy_output_is_minus_its_search_log_probability()
    {
        var greedy = new GreedySearch(trained.Model, DecodingOptions.Greedy).Search(Sources);
        var scored = Scorer().Score(Sources, greedy.Select(g => g[0].Tokens).ToList());
        for (int i = 0; i < greedy.Count; i++)
        {
            Assert.Equal(greedy[i][0].Tokens.Length + 1, scored[i].Tokens);
            Assert.Equal(-greedy[i][0].LogProbability, scored[i].Nll, 1e-4);
            Assert.False(scored[i].Truncated);
        }
    }

    [Fact]
    public void References_are_likelier_than_the_same_references_shuffled_across_sentences()
    {
        var references = References;
        var shuffled = references.Skip(7).Concat(references.Take(7)).ToList();
        var scorer = Scorer();
        var own = scorer.Score(Sources, references);
        var other = scorer.Score(Sources, shuffled);
        double PerToken(IReadOnlyList<SentenceNll> rows) => rows.Sum(r => r.Nll) / rows.Sum(r => r.Tokens);
        Assert.True(PerToken(own) > 0);
        Assert.True(PerToken(own) < PerToken(other) / 2, $"{PerToken(own)} vs shuffled {PerToken(other)} nats per token");
    }

    [Fact]
    public void The_same_inputs_give_identical_numbers_and_batch_size_changes_nothing()
    {
        var first = Scorer().Score(Sources, References);
        Assert.Equal(first, Scorer().Score(Sources, References));
        foreach (int batchTokens in new[] { 1, 37, 100_000 })
        {
            var other = Scorer(batchTokens).Score(Sources, References);
            for (int i = 0; i < first.Count; i++)
            {
                Assert.Equal(first[i].Tokens, other[i].Tokens);
                Assert.Equal(first[i].Nll, other[i].Nll, 1e-5);
            }
        }
    }

    [Fact]
    public void An_over_long_reference_is_scored_on_the_positions_it_fits_and_keeps_its_row()
    {
        var random = new Random(3);
        int positions = trained.Model.Config.MaxPositions;
        int[] source = [5, 6, 7, 8], reference = [.. Enumerable.Range(0, positions + 40).Select(_ => random.Next(4, CopyTask.Vocabulary))];
        var rows = Scorer().Score([source, Sources[0]], [reference, References[0]]);
        Assert.Equal(2, rows.Count);
        Assert.True(rows[0].Truncated);
        Assert.Equal(positions, rows[0].Tokens);
        Assert.False(rows[1].Truncated);

        // The same number by hand: the decoder reads BOS and the first positions - 1 tokens, and predicts the first positions tokens.
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var config = trained.Model.Config;
        var logits = trained.Model.forward(
            tensor(source.Select(i => (long)i).Append(config.EosId).ToArray()).unsqueeze(0),
            tensor(reference.Take(positions - 1).Select(i => (long)i).Prepend(config.BosId).ToArray()).unsqueeze(0));
        var gathered = logits.log_softmax(-1).gather(2, tensor(reference.Take(positions).Select(i => (long)i).ToArray()).view(1, -1, 1));
        Assert.Equal(-gathered.sum().item<float>(), rows[0].Nll, 1e-3);
    }
}

/// <summary>Forced decoding of a decoder-only model scores only the completion after the prompt.</summary>
[Collection(TrainedReversalLanguageModel.Collection)]
public class DecoderOnlyReferenceLikelihoodTests(TrainedReversalLanguageModel trained)
{
    List<int[]> Sources => trained.Unseen.Select(p => p.Source).ToList();

    [Fact]
    public void Decoder_only_nll_of_the_greedy_completion_is_minus_its_search_log_probability_whatever_the_batch()
    {
        var greedy = new GreedySearch(trained.Model, DecodingOptions.Greedy).Search(Sources);
        var completions = greedy.Select(g => g[0].Tokens).ToList();
        var scored = new ReferenceLikelihood(trained.Model, new CopyTask.LetterTokenizer()).Score(Sources, completions);
        var alone = new ReferenceLikelihood(trained.Model, new CopyTask.LetterTokenizer(), batchTokens: 1).Score(Sources, completions);
        for (int i = 0; i < greedy.Count; i++)
        {
            Assert.Equal(completions[i].Length + 1, scored[i].Tokens);
            Assert.Equal(-greedy[i][0].LogProbability, scored[i].Nll, 1e-4);
            Assert.Equal(scored[i].Nll, alone[i].Nll, 1e-5);
        }
    }

    [Fact]
    public void Decoder_only_over_long_reference_is_scored_on_the_positions_left_after_its_prompt()
    {
        var config = trained.Model.Config;
        var random = new Random(4);
        int[] source = [5, 6, 7], reference = [.. Enumerable.Range(0, config.MaxPositions).Select(_ => random.Next(4, CopyTask.Vocabulary))];
        var row = new ReferenceLikelihood(trained.Model, new CopyTask.LetterTokenizer()).Score([source], [reference]).Single();
        Assert.True(row.Truncated);
        Assert.Equal(config.MaxPositions - source.Length, row.Tokens);
        Assert.True(double.IsFinite(row.Nll) && row.Nll > 0);
    }
}
