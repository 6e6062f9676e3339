using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Tokenization;
using Regurgitate.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Training;

public class DecoderOnlyTrainingTests
{
    static string NewRunDirectory() => Path.Combine(Path.GetTempPath(), "regurg-nmt-tests", Guid.NewGuid().ToString("N"));

    static Dictionary<string, float[]> Weights(TranslationModel model) =>
        model.named_parameters().ToDictionary(p => p.name, p => p.parameter.detach().cpu().data<float>().ToArray());

    static void AssertSameWeights(Dictionary<string, float[]> expected, Dictionary<string, float[]> actual)
    {
        Assert.Equal(expected.Keys.OrderBy(k => k), actual.Keys.OrderBy(k => k));
        foreach (var (name, values) in expected)
            Assert.True(values.AsSpan().SequenceEqual(actual[name]), $"parameter {name} differs");
    }

    static readonly TokenizedPair Pair = new([5, 6, 7, 8], [9, 10, 11]);

    /// <summary>Summed NLL of a batch of <see cref="Pair"/> under <paramref name="objective"/>, and its logits' gradient.</summary>
    static (double Nll, float[] LogitGradient, TrainingBatch Batch) NllAndGradient(TranslationModel model, TokenizedPair pair, TrainingObjective objective)
    {
        var batch = TrainingBatch.Create([pair], [0], model.Config, CPU, objective);
        using var logits = model.forward(batch.Source, batch.TargetInput).detach().requires_grad_(true);
        var criterion = new LabelSmoothedCrossEntropy(0.0, model.Config.PadId);
        var (loss, nll) = criterion.Compute(logits, batch.TargetOutput);
        loss.backward();
        return (nll.item<float>(), logits.grad!.abs().sum(-1).view(-1).data<float>().ToArray(), batch);
    }

    [Fact]
    public void Completion_loss_ignores_the_prompt_and_lm_loss_covers_every_token()
    {
        using var model = new TranslationModel(CopyTask.LanguageModelConfig(dropout: 0.0), seed: 3, CPU);
        model.eval();
        // Sequence 5 6 7 8 <bos> 9 10 11 <eos>: inputs are its first 8 ids, outputs its last 8.
        var (completionNll, completionGradient, completion) = NllAndGradient(model, Pair, TrainingObjective.Completion);
        var (lmNll, lmGradient, lm) = NllAndGradient(model, Pair, TrainingObjective.LanguageModel);
        Assert.Equal(new long[] { 5, 6, 7, 8, 1, 9, 10, 11 }, completion.TargetInput.data<long>().ToArray());
        Assert.Equal(completion.TargetInput.data<long>().ToArray(), lm.TargetInput.data<long>().ToArray());
        Assert.Equal(new long[] { 0, 0, 0, 0, 9, 10, 11, 2 }, completion.TargetOutput.data<long>().ToArray());
        Assert.Equal(new long[] { 6, 7, 8, 1, 9, 10, 11, 2 }, lm.TargetOutput.data<long>().ToArray());
        Assert.Equal(4, completion.TargetTokens);
        Assert.Equal(8, lm.TargetTokens);

        // The prompt positions get no gradient from the completion loss; every completion position does.
        Assert.All(completionGradient.Take(4), g => Assert.Equal(0f, g));
        Assert.All(completionGradient.Skip(4), g => Assert.True(g > 0));
        Assert.All(lmGradient, g => Assert.True(g > 0));
        Assert.True(lmNll > completionNll);

        // Zero gradient at the prompt's outputs: whatever they predict, the loss stays. A completion token's target counts.
        var otherCompletion = new TokenizedPair([5, 6, 7, 8], [9, 10, 12]);
        Assert.NotEqual(completionNll, NllAndGradient(model, otherCompletion, TrainingObjective.Completion).Nll);
    }

    [Fact]
    public void Completion_loss_equals_the_lm_loss_over_the_completion_positions()
    {
        using var model = new TranslationModel(CopyTask.LanguageModelConfig(dropout: 0.0), seed: 4, CPU);
        model.eval();
        using var lm = TrainingBatch.Create([Pair], [0], model.Config, CPU, TrainingObjective.LanguageModel);
        using var completion = TrainingBatch.Create([Pair], [0], model.Config, CPU, TrainingObjective.Completion);
        using var scope = NewDisposeScope();
        var logProbabilities = model.forward(lm.Source, lm.TargetInput).log_softmax(-1);
        var perToken = logProbabilities.gather(2, lm.TargetOutput.unsqueeze(2)).squeeze(2).neg().view(-1).data<float>().ToArray();
        var criterion = new LabelSmoothedCrossEntropy(0.0, model.Config.PadId);
        var (_, nll) = criterion.Compute(model.forward(completion.Source, completion.TargetInput), completion.TargetOutput);
        Assert.Equal(perToken.Skip(Pair.Source.Length).Sum(), nll.item<float>(), 4);
    }

    [Fact]
    public void Tiny_lm_overfits_real_multi30k_pairs_and_translates_them_back()
    {
        var de = TestData.GzipLines("multi30k/train.de.gz", 4);
        var en = TestData.GzipLines("multi30k/train.en.gz", 4);
        // A vocabulary of these pairs alone: quick to learn, and every piece the model must produce is in it.
        var tokenizer = BpeTrainer.Train([.. de, .. en], new BpeTrainerOptions(VocabularySize: 420));
        var distinct = de.Zip(en, (s, t) => new TokenizedPair(tokenizer.Encode(s).ToArray(), tokenizer.Encode(t).ToArray())).ToList();
        // Repeated, so that an epoch (and its checkpoint) spans many updates rather than one.
        var pairs = Enumerable.Repeat(distinct, 100).SelectMany(p => p).ToList();
        var config = ModelConfig.Preset("lm-tiny", tokenizer.VocabularySize) with { Dropout = 0, AttentionDropout = 0 };
        var options = new TrainingOptions
        {
            BatchTokens = 1024, LearningRate = 3e-3, WarmupSteps = 20, MaxUpdates = 400, MaxEpochs = 1000, Patience = 0,
            LabelSmoothing = 0, Seed = 5, ValidateBleu = false,
        };
        string run = NewRunDirectory();
        using (var trainer = Trainer.Open(run, config, options, CPU))
        {
            trainer.Train(pairs);
            using var translator = new Translator(trainer.Model, tokenizer, ownsModel: false);
            var outputs = translator.Translate(de, new DecodingOptions { Strategy = DecodingStrategy.Beam, BeamSize = 4 });
            Assert.Equal(en, outputs.Select(o => o.Text).ToList());
        }
        Directory.Delete(run, true);
    }

    [Fact]
    public void Saved_decoder_only_checkpoint_loads_and_translates_and_scores_identically()
    {
        var pairs = CopyTask.Pairs(200, seed: 6);
        string run = NewRunDirectory();
        var sources = pairs.Take(10).Select(p => CopyTask.Text(p.Source)).ToList();
        var targets = pairs.Take(10).Select(p => CopyTask.Text(p.Target)).ToList();
        IReadOnlyList<Translation> before;
        IReadOnlyList<double> scoresBefore;
        using (var trainer = Trainer.Open(run, CopyTask.LanguageModelConfig(), CopyTask.Options(30), CPU))
        {
            trainer.Train(pairs);
            using var translator = new Translator(trainer.Model, new CopyTask.LetterTokenizer(), ownsModel: false);
            before = translator.Translate(sources, new DecodingOptions { BeamSize = 3 });
            scoresBefore = translator.ScoreTargets(sources, targets);
        }
        string checkpoint = Checkpoint.Resolve(run, Checkpoint.LastPointer)!;
        var config = Checkpoint.ReadConfig(checkpoint);
        Assert.Equal(ModelArchitecture.DecoderOnly, config.Architecture);
        Assert.Contains("\"DecoderOnly\"", File.ReadAllText(Path.Combine(checkpoint, "config.json")));
        using (var loaded = new Translator(Checkpoint.LoadModel(checkpoint, CPU), new CopyTask.LetterTokenizer()))
        {
            Assert.Equal(before, loaded.Translate(sources, new DecodingOptions { BeamSize = 3 }));
            Assert.Equal(scoresBefore, loaded.ScoreTargets(sources, targets));
        }
        Directory.Delete(run, true);
    }

    [Fact]
    public void Decoder_only_resume_after_kill_gives_identical_weights()
    {
        var pairs = CopyTask.Pairs(300, seed: 1);
        var config = CopyTask.LanguageModelConfig(dropout: 0.1);
        TrainingOptions Options(long updates) => CopyTask.Options(updates) with { Objective = TrainingObjective.LanguageModel };
        string straightRun = NewRunDirectory(), resumedRun = NewRunDirectory();
        Dictionary<string, float[]> straight;
        using (var trainer = Trainer.Open(straightRun, config, Options(24), CPU))
        {
            trainer.Train(pairs);
            straight = Weights(trainer.Model);
        }
        using (var trainer = Trainer.Open(resumedRun, config, Options(11), CPU))
        {
            trainer.Train(pairs);
            Assert.NotEqual(straight.First().Value, Weights(trainer.Model).First().Value);
        }
        using (var trainer = Trainer.Open(resumedRun, config, Options(24), CPU))
        {
            Assert.True(trainer.Resumed);
            trainer.Train(pairs);
            AssertSameWeights(straight, Weights(trainer.Model));
        }
        Directory.Delete(straightRun, true);
        Directory.Delete(resumedRun, true);
    }

    [Fact]
    public void Same_seed_gives_identical_decoder_only_weights_and_validation()
    {
        var pairs = CopyTask.Pairs(200, seed: 2);
        var valid = new ValidationSet(CopyTask.Pairs(40, seed: 3));
        var runs = new List<(TrainingState State, Dictionary<string, float[]> Weights)>();
        foreach (long seed in new long[] { 7, 7, 8 })
        {
            string directory = NewRunDirectory();
            using var trainer = Trainer.Open(directory, CopyTask.LanguageModelConfig(), CopyTask.Options(null) with { MaxEpochs = 2, Seed = seed }, CPU);
            runs.Add((trainer.Train(pairs, valid), Weights(trainer.Model)));
            Directory.Delete(directory, true);
        }
        Assert.Equal(2, runs[0].State.History.Count);
        Assert.All(runs[0].State.History, record => Assert.True(record.ValidNll is double nll && double.IsFinite(nll)));
        Assert.Equal(runs[0].State.History, runs[1].State.History);
        AssertSameWeights(runs[0].Weights, runs[1].Weights);
        Assert.NotEqual(runs[0].Weights.First().Value, runs[2].Weights.First().Value);
    }

    [Fact]
    public void Lm_objective_on_an_encoder_decoder_model_is_an_input_error()
    {
        string run = NewRunDirectory();
        var error = Assert.Throws<InputException>(() =>
            Trainer.Open(run, CopyTask.Config(), CopyTask.Options(5) with { Objective = TrainingObjective.LanguageModel }, CPU));
        Assert.Contains("decoder-only", error.Message);
    }
}
