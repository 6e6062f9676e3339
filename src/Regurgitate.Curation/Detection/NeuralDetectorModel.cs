using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Detection;

/// <summary>
/// The neural detector: <see cref="NeuralDetectorNetwork"/> on CPU, trained with Adam on binary cross-entropy in
/// seeded batch order, stopping when the validation loss has not improved for <see cref="DetectorOptions.Patience"/>
/// epochs and keeping the best epoch's weights.
/// </summary>
internal sealed class NeuralDetectorModel : IDetectorModel
{
    /// <summary>The weights' file name inside a detector directory.</summary>
    public const string FileName = "model.bin";

    // libtorch's generator is process-wide: initialization under a lock gives each seed its weights even when
    // two detectors are built at once.
    static readonly object GlobalGeneratorLock = new();

    readonly NeuralDetectorNetwork network;
    readonly HashedNgrams ngrams;
    readonly int batchSize;

    NeuralDetectorModel(NeuralDetectorNetwork network, DetectorOptions options)
    {
        this.network = network;
        ngrams = new HashedNgrams(options.HashBuckets, options.WordNgramLength, options.CharNgramLength);
        batchSize = options.BatchSize;
        Features = $"hashed word 1-{options.WordNgramLength}-grams + character {options.CharNgramLength}-grams into {options.HashBuckets} buckets; " +
            $"mean embedding bag ({options.EmbeddingSize}) → ReLU ({options.HiddenSize}) → logit; Adam lr {options.LearningRate}, batch {options.BatchSize}";
    }

    public string Features { get; }

    /// <summary>Epochs trained before early stopping ended training (null for a loaded model).</summary>
    public int? EpochsTrained { get; private set; }

    /// <summary>Trains on the training share, early-stopping on the validation share.</summary>
    public static NeuralDetectorModel Train(IReadOnlyList<string> texts, IReadOnlyList<bool> isHuman,
        IReadOnlyList<string> validationTexts, IReadOnlyList<bool> validationIsHuman, DetectorOptions options, CancellationToken cancellationToken)
    {
        NeuralDetectorNetwork network;
        lock (GlobalGeneratorLock)
        {
            torch.manual_seed(options.Seed);
            network = new NeuralDetectorNetwork(options.HashBuckets, options.EmbeddingSize, options.HiddenSize);
        }
        var model = new NeuralDetectorModel(network, options);
        var trainIds = texts.Select(model.ngrams.Ids).ToArray();
        var validationIds = validationTexts.Select(model.ngrams.Ids).ToArray();
        using var optimizer = new TensorOnlyAdam(network.parameters(), options.LearningRate);
        var random = new Random(options.Seed);
        var order = Enumerable.Range(0, trainIds.Length).ToArray();
        double bestLoss = double.PositiveInfinity;
        Dictionary<string, Tensor>? best = null;
        int sinceBest = 0;
        for (int epoch = 1; epoch <= options.Epochs && sinceBest < options.Patience; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            random.Shuffle(order);
            network.train();
            for (int start = 0; start < order.Length; start += options.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.AsSpan(start, Math.Min(options.BatchSize, order.Length - start)).ToArray();
                var (ids, offsets) = Pack(batch.Select(i => trainIds[i]));
                var labels = tensor(batch.Select(i => isHuman[i] ? 1f : 0f).ToArray());
                optimizer.ZeroGrad();
                var loss = nn.functional.binary_cross_entropy_with_logits(network.forward(ids, offsets), labels);
                loss.backward();
                optimizer.Step();
            }
            double validationLoss = model.Loss(validationIds, validationIsHuman);
            model.EpochsTrained = epoch;
            if (validationLoss < bestLoss - 1e-6)
            {
                bestLoss = validationLoss;
                sinceBest = 0;
                if (best != null) foreach (var t in best.Values) t.Dispose();
                best = network.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone());
            }
            else sinceBest++;
        }
        if (best != null)
        {
            network.load_state_dict(best);
            foreach (var t in best.Values) t.Dispose();
        }
        network.eval();
        return model;
    }

    /// <summary>Loads the weights saved in <paramref name="directory"/>.</summary>
    public static NeuralDetectorModel Load(string directory, DetectorOptions options)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path)) throw new InputException($"detector model file {FileName} is missing", directory, hint: "retrain the detector");
        var network = new NeuralDetectorNetwork(options.HashBuckets, options.EmbeddingSize, options.HiddenSize);
        try
        {
            network.load(path);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or EndOfStreamException or IOException)
        {
            network.Dispose();
            throw new InputException($"not readable detector weights: {e.Message}", path, inner: e);
        }
        network.eval();
        return new NeuralDetectorModel(network, options);
    }

    public double[] RawProbabilityHuman(IReadOnlyList<string> texts)
    {
        var result = new double[texts.Count];
        using var noGrad = no_grad();
        for (int start = 0; start < texts.Count; start += 512)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(512, texts.Count - start);
            var (ids, offsets) = Pack(Enumerable.Range(start, count).Select(i => ngrams.Ids(texts[i])));
            var probabilities = sigmoid(network.forward(ids, offsets)).data<float>().ToArray();
            for (int i = 0; i < count; i++) result[start + i] = probabilities[i];
        }
        return result;
    }

    public void Save(string directory) => network.save(Path.Combine(directory, FileName));

    public void Dispose() => network.Dispose();

    double Loss(List<long>[] ids, IReadOnlyList<bool> isHuman)
    {
        using var noGrad = no_grad();
        network.eval();
        double total = 0;
        for (int start = 0; start < ids.Length; start += 512)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(512, ids.Length - start);
            var (packed, offsets) = Pack(ids.Skip(start).Take(count));
            var labels = tensor(Enumerable.Range(start, count).Select(i => isHuman[i] ? 1f : 0f).ToArray());
            total += nn.functional.binary_cross_entropy_with_logits(network.forward(packed, offsets), labels, reduction: nn.Reduction.Sum).item<float>();
        }
        return total / Math.Max(1, ids.Length);
    }

    static (Tensor Ids, Tensor Offsets) Pack(IEnumerable<List<long>> bags)
    {
        var flat = new List<long>();
        var offsets = new List<long>();
        foreach (var bag in bags)
        {
            offsets.Add(flat.Count);
            flat.AddRange(bag);
        }
        return (tensor(flat.ToArray()), tensor(offsets.ToArray()));
    }
}
