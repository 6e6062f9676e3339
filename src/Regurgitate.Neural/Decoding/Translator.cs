using Regurgitate.Modeling;
using Regurgitate.Runtime;
using Regurgitate.Tokenization;
using Regurgitate.Training;

namespace Regurgitate.Decoding;

/// <summary>
/// Translates raw sentences with a trained model: tokenize, search (greedy, beam or sampling) in
/// length-sorted batches, detokenize, and return outputs in input order with their log-probabilities.
/// </summary>
public sealed class Translator : IDisposable
{
    /// <summary>Tokenizer file name looked for beside a checkpoint and in its run directory.</summary>
    public const string TokenizerFile = "tokenizer.json";

    /// <summary>The model.</summary>
    public TranslationModel Model { get; }
    /// <summary>The joint source/target tokenizer.</summary>
    public ISubwordTokenizer Tokenizer { get; }

    readonly bool ownsModel;

    /// <summary>Wraps a model and its tokenizer; disposing the translator disposes the model if <paramref name="ownsModel"/>.</summary>
    public Translator(TranslationModel model, ISubwordTokenizer tokenizer, bool ownsModel = true)
    {
        this.ownsModel = ownsModel;
        if (tokenizer.VocabularySize != model.Config.VocabularySize)
            throw new InputException($"tokenizer has {tokenizer.VocabularySize} ids but the model {model.Config.VocabularySize}", hint: "use the tokenizer the model was trained with");
        Model = model;
        Tokenizer = tokenizer;
        model.eval();
    }

    /// <summary>
    /// Loads a checkpoint for translation on <paramref name="device"/> ("cpu", "cuda"): <paramref name="checkpointDirectory"/>
    /// is a checkpoint directory or a run directory (its best checkpoint, else its last). The tokenizer is
    /// <c>tokenizer.json</c> beside the checkpoint or in the run directory.
    /// </summary>
    public static Translator Load(string checkpointDirectory, string device = "cpu")
    {
        var resolvedDevice = TorchRuntime.ResolveDevice(device);
        string checkpoint = Checkpoint.ResolveForInference(checkpointDirectory);
        string? tokenizerPath = new[]
            {
                Path.Combine(checkpoint, TokenizerFile),
                Path.Combine(checkpointDirectory, TokenizerFile),
                Path.Combine(checkpoint, "..", "..", TokenizerFile),
            }
            .FirstOrDefault(File.Exists);
        if (tokenizerPath == null)
            throw new InputException($"no {TokenizerFile} beside the checkpoint or in its run directory", checkpointDirectory);
        var tokenizer = SubwordTokenizer.Load(tokenizerPath);
        return new Translator(Checkpoint.LoadModel(checkpoint, resolvedDevice), tokenizer);
    }

    /// <summary>Translates <paramref name="sources"/>; the result has one entry per source, in order.</summary>
    public IReadOnlyList<Translation> Translate(IReadOnlyList<string> sources, DecodingOptions options)
    {
        options = options.Validated();
        var encoded = sources.Select(s => Tokenizer.Encode(s).ToArray()).ToArray();
        var hypotheses = Search(encoded, options);
        return hypotheses.Select(ToTranslation).ToList();
    }

    /// <summary>
    /// Searches already tokenized sources (ids without EOS); per source its outputs, best first: beam
    /// hypotheses by normalized score, samples by log-probability.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<Hypothesis>> Search(IReadOnlyList<int[]> sources, DecodingOptions options)
    {
        options = options.Validated();
        var results = new IReadOnlyList<Hypothesis>[sources.Count];
        // Longest first: similar lengths share a batch (little padding) and memory peaks early.
        var order = Enumerable.Range(0, sources.Count).OrderByDescending(i => sources[i].Length).ThenBy(i => i).ToArray();
        using var sampler = options.Strategy == DecodingStrategy.Sample ? new TokenSampler(options, Model.Device) : null;
        foreach (var chunk in order.Chunk(options.BatchSize))
        {
            var batch = chunk.Select(i => sources[i]).ToList();
            IReadOnlyList<IReadOnlyList<Hypothesis>> outputs = options.Strategy switch
            {
                DecodingStrategy.Beam => new BeamSearch(Model, options).Search(batch),
                DecodingStrategy.Sample => new GreedySearch(Model, options).Search(batch, sampler, options.NBest),
                _ => new GreedySearch(Model, options).Search(batch),
            };
            for (int j = 0; j < chunk.Length; j++)
            {
                var list = outputs[j];
                if (options.Strategy == DecodingStrategy.Sample) list = list.OrderByDescending(h => h.LogProbability).ToList();
                results[chunk[j]] = list.Take(options.NBest).ToList();
            }
        }
        return results;
    }

    /// <summary>
    /// Forced decoding: the mean natural-log probability per target subword token (EOS included) of each
    /// <paramref name="targets"/>[i] given <paramref name="sources"/>[i], by teacher forcing without gradients.
    /// </summary>
    /// <remarks>
    /// The mean, not the sum, so that long targets are not ranked low for their length alone. Sources and
    /// targets longer than the model's positions are cut to fit, as decoding cuts sources. Pairs are scored
    /// in batches of <paramref name="batchSize"/> sentences sorted by length (little padding).
    /// </remarks>
    public IReadOnlyList<double> ScoreTargets(IReadOnlyList<string> sources, IReadOnlyList<string> targets, int batchSize = 64)
    {
        if (sources.Count != targets.Count)
            throw new ArgumentException($"{sources.Count} sources but {targets.Count} targets", nameof(targets));
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var config = Model.Config;
        var pairs = Enumerable.Range(0, sources.Count).Select(i => FittedPair(sources[i], targets[i])).ToList();
        var scores = new double[pairs.Count];
        var order = Enumerable.Range(0, pairs.Count).OrderByDescending(i => pairs[i].Target.Length).ThenBy(i => i).ToArray();
        using var noGrad = TorchSharp.torch.no_grad();
        foreach (var chunk in order.Chunk(batchSize))
        {
            using var scope = TorchSharp.torch.NewDisposeScope();
            using var batch = TrainingBatch.Create(pairs, chunk, config, Model.Device);
            var logProbabilities = Model.forward(batch.Source, batch.TargetInput)
                .to_type(TorchSharp.torch.ScalarType.Float32).log_softmax(-1);
            var tokenLogProbabilities = logProbabilities.gather(2, batch.TargetOutput.unsqueeze(2)).squeeze(2);
            var notPad = batch.TargetOutput.ne(config.PadId);
            var sums = tokenLogProbabilities.masked_fill(notPad.logical_not(), 0).sum(1).cpu().data<float>().ToArray();
            for (int j = 0; j < chunk.Length; j++)
                scores[chunk[j]] = sums[j] / (pairs[chunk[j]].Target.Length + 1);
        }
        return scores;
    }

    /// <summary>
    /// The pair as ids, cut to the model's positions: each side to MaxPositions - 1 (room for EOS, BOS/EOS); for a
    /// decoder-only model the source to its prompt length and the target to the positions left after prompt and separator.
    /// </summary>
    TokenizedPair FittedPair(string source, string target)
    {
        var config = Model.Config;
        var sourceIds = Tokenizer.Encode(source).ToArray();
        sourceIds = sourceIds.Take(config.PromptLength(sourceIds.Length)).ToArray();
        int targetLimit = config.IsDecoderOnly ? config.MaxPositions - sourceIds.Length - 1 : config.MaxPositions - 1;
        return new TokenizedPair(sourceIds, Tokenizer.Encode(target).Take(targetLimit).ToArray());
    }

    Translation ToTranslation(IReadOnlyList<Hypothesis> outputs)
    {
        var best = outputs[0];
        string text = Tokenizer.Decode(best.Tokens);
        if (outputs.Count == 1) return new Translation(text, best.LogProbability, best.Tokens.Length + 1);
        return new Translation(text, best.LogProbability, best.Tokens.Length + 1,
            outputs.Select(h => Tokenizer.Decode(h.Tokens)).ToList(),
            outputs.Select(h => h.LogProbability).ToList());
    }

    public void Dispose()
    {
        if (ownsModel) Model.Dispose();
    }
}
