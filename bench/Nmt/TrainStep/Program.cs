using System.Diagnostics;
using System.Globalization;
using Regurgitate.Corpora.Formats;
using Regurgitate.Modeling;
using Regurgitate.Runtime;
using Regurgitate.Tokenization;
using Regurgitate.Training;
using static TorchSharp.torch;

// Where a training step's time goes, and the FLOP/s it achieves as a fraction of the measured matrix-product
// peak. Usage: TrainStep [multi30k dir] [threads=2] [updates=20] [variants=fp32,bf16] [preset=cpu-small]
//   [batch tokens=4096[,8192..]] [vocabulary=8000]
// Variants: fp32 | bf16, optionally "+nodrop" (all dropout off) to show what dropout costs.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string data = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "corpora", "multi30k");
int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
int updates = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
string[] variants = (args.Length > 3 ? args[3] : "fp32,bf16").Split(',');
string preset = args.Length > 4 ? args[4] : "cpu-small";
int[] batchSizes = (args.Length > 5 ? args[5] : "4096").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
int vocabulary = args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 8000;
const int WarmupUpdates = 2;
set_num_threads(threads);
Console.WriteLine($"threads {get_num_threads()}, heap: {HeapTuning.Status}");

var source = TextLines.Read(Path.Combine(data, "train.de.gz")).Select(line => line.Text).ToList();
var target = TextLines.Read(Path.Combine(data, "train.en.gz")).Select(line => line.Text).ToList();
var tokenizer = BpeTrainer.Train(source.Concat(target), new BpeTrainerOptions(vocabulary));
var pairs = source.Zip(target).Select(p => new TokenizedPair(tokenizer.Encode(p.First).ToArray(), tokenizer.Encode(p.Second).ToArray())).ToList();
// The first batches of epoch 1 with seed 1: the batches `regurg train --seed 1` and train_peer.py start with.

var peaks = new Dictionary<ScalarType, double>();
foreach (var type in new[] { ScalarType.Float32, ScalarType.BFloat16 })
{
    peaks[type] = MatmulPeak(type);
    Console.WriteLine($"matmul 2048x2048x2048 {type}: {peaks[type]:F0} GFLOP/s");
}

Console.WriteLine();
Console.WriteLine($"preset {preset}, vocabulary {tokenizer.VocabularySize}");
Console.WriteLine("| variant | batch tokens | step ms | target tok/s | GFLOP/s | of matmul peak | products alone, ms (GFLOP/s at these shapes) | of the peak at these shapes | forward (to decoder states) | output layer, loss, backward | clipping + Adam | batch building | padding (target) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var variant in variants)
foreach (int batchTokens in batchSizes)
{
    var batches = new TokenBatcher(pairs, batchTokens, 1).EpochBatches(1).Take(updates + WarmupUpdates).ToList();
    var config = ModelConfig.Preset(preset, tokenizer.VocabularySize);
    if (variant.Contains("+nodrop")) config = config with { Dropout = 0, AttentionDropout = 0, ActivationDropout = 0 };
    var precision = variant.StartsWith("bf16") ? MatmulPrecision.BFloat16 : MatmulPrecision.Float32;
    var peak = peaks[precision == MatmulPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32];
    using var model = new TranslationModel(config, 1, CPU);
    model.Precision.Precision = precision;
    model.train();
    var parameters = model.parameters().ToList();
    using var optimizer = optim.Adam(parameters, 1e-4, 0.9, 0.98, 1e-9);
    var outputLoss = new ChunkedOutputLoss(new LabelSmoothedCrossEntropy(0.1, config.PadId));
    var phases = new double[4];
    var shapes = new List<(long Rows, long SourceLength, long TargetLength, long TargetTokens)>();
    long tokens = 0, paddedTokens = 0;
    double flops = 0, productSeconds = 0;
    var total = new Stopwatch();
    for (int b = 0; b < batches.Count; b++)
    {
        if (b == WarmupUpdates) total.Start();
        bool measured = b >= WarmupUpdates;
        var clock = Stopwatch.StartNew();
        void Phase(int i) { if (measured) phases[i] += clock.Elapsed.TotalSeconds; clock.Restart(); }
        using var scope = NewDisposeScope();
        optimizer.zero_grad();
        using var batch = TrainingBatch.Create(pairs, batches[b], config, CPU);
        Phase(3);
        var states = model.ForwardStates(batch.Source, batch.TargetInput);
        Phase(0);
        outputLoss.Backward(model, states, batch.TargetOutput); // as Trainer: output layer in chunks, then the rest
        Phase(1);
        using (no_grad()) nn.utils.clip_grad_norm_(parameters, 1.0);
        optimizer.step();
        Phase(2);
        if (!measured) continue;
        tokens += batch.TargetTokens;
        paddedTokens += batch.TargetOutput.numel();
        flops += TrainingFlops(config, batch.Source.shape[0], batch.Source.shape[1], batch.TargetInput.shape[1], batch.TargetTokens);
        shapes.Add((batch.Source.shape[0], batch.Source.shape[1], batch.TargetInput.shape[1], batch.TargetTokens));
    }
    total.Stop();
    // The same matrix products timed alone, batch by batch, in the variant's type: what the step would cost if
    // everything else were free. Their rate is the matmul peak at the student's own shapes.
    var productType = precision == MatmulPrecision.BFloat16 ? ScalarType.BFloat16 : ScalarType.Float32;
    foreach (var (rows, sourceLength, targetLength, targetTokens) in shapes)
        productSeconds += TimeProducts(StepProducts(config, rows, sourceLength, targetLength, targetTokens), productType);
    double seconds = total.Elapsed.TotalSeconds;
    string Share(double s) => $"{s / seconds:P0}";
    Console.WriteLine($"| {variant} | {batchTokens} | {seconds * 1000 / updates:F1} | {tokens / seconds:F0} | {flops / seconds / 1e9:F0} | {flops / seconds / 1e9 / peak:P0} | {productSeconds * 1000 / updates:F1} ({flops / productSeconds / 1e9:F0}) | {productSeconds / seconds:P0} | {Share(phases[0])} | {Share(phases[1])} | {Share(phases[2])} | {Share(phases[3])} | {1 - (double)tokens / paddedTokens:P1} |");
}

static double MatmulPeak(ScalarType type)
{
    using var a = randn(2048, 2048).to(type);
    using var b = randn(2048, 2048).to(type);
    for (int i = 0; i < 3; i++) a.matmul(b).Dispose();
    const int repeats = 20;
    var clock = Stopwatch.StartNew();
    for (int i = 0; i < repeats; i++) a.matmul(b).Dispose();
    return 2.0 * 2048 * 2048 * 2048 * repeats / clock.Elapsed.TotalSeconds / 1e9;
}

// The matrix products of one training step of an encoder-decoder model, as (batch, m, k, n, transposed operand):
// per linear layer its forward product and the two of its backward pass (input and weight gradients), per
// attention the score and value products (batched over rows x heads) with their two backward products each,
// and the output layer over the real target tokens in ChunkedOutputLoss's 1,024-row chunks.
static List<(long Batch, long M, long K, long N)> StepProducts(ModelConfig c, long rows, long sourceLength, long targetLength, long targetTokens)
{
    long d = c.ModelDim, ffn = c.FeedForwardDim, v = c.VocabularySize, heads = c.Heads, headDim = d / heads;
    long s = rows * sourceLength, t = rows * targetLength;
    var products = new List<(long, long, long, long)>();
    void Linear(long tokens, long input, long output)
    {
        products.Add((1, tokens, input, output));  // forward
        products.Add((1, tokens, output, input));  // gradient of the input
        products.Add((1, output, tokens, input));  // gradient of the weight
    }
    void Attention(long queries, long keys)
    {
        long batch = rows * heads;
        foreach (var (m, k, n) in new[] { (queries, headDim, keys), (queries, keys, headDim) })
        {
            products.Add((batch, m, k, n));
            products.Add((batch, m, n, k));
            products.Add((batch, k, m, n));
        }
    }
    for (int layer = 0; layer < c.EncoderLayers; layer++)
    {
        Linear(s, d, 3 * d); Attention(sourceLength, sourceLength); Linear(s, d, d);
        Linear(s, d, ffn); Linear(s, ffn, d);
    }
    for (int layer = 0; layer < c.DecoderLayers; layer++)
    {
        Linear(t, d, 3 * d); Attention(targetLength, targetLength); Linear(t, d, d);
        Linear(t, d, d); Linear(s, d, 2 * d); Attention(targetLength, sourceLength); Linear(t, d, d);
        Linear(t, d, ffn); Linear(t, ffn, d);
    }
    for (long start = 0; start < targetTokens; start += 1024) Linear(Math.Min(1024, targetTokens - start), d, v);
    return products;
}

// Seconds the products take one after another on row-major operands (the median of 5 timed repetitions after
// one untimed one).
static double TimeProducts(List<(long Batch, long M, long K, long N)> products, ScalarType type)
{
    var operands = products.Select(p => (A: randn(p.Batch, p.M, p.K).to(type), B: randn(p.Batch, p.K, p.N).to(type))).ToList();
    var times = new List<double>();
    for (int repeat = 0; repeat < 6; repeat++)
    {
        var clock = Stopwatch.StartNew();
        foreach (var (a, b) in operands)
        {
            if (a.shape[0] == 1) a[0].matmul(b[0]).Dispose();
            else a.matmul(b).Dispose();
        }
        if (repeat > 0) times.Add(clock.Elapsed.TotalSeconds);
    }
    foreach (var (a, b) in operands) { a.Dispose(); b.Dispose(); }
    times.Sort();
    return times[times.Count / 2];
}

// Multiply-adds of one padded batch's forward pass, times 2 FLOPs, times 3 for training (the backward pass
// computes gradients of inputs and of weights: twice the forward products). Attention products are counted
// over the full (padded, causal-masked) matrices, as the kernels compute them; the output layer over the
// real target tokens only, as ChunkedOutputLoss computes it.
static double TrainingFlops(ModelConfig c, long rows, long sourceLength, long targetLength, long targetTokens)
{
    double d = c.ModelDim, ffn = c.FeedForwardDim, v = c.VocabularySize;
    double s = rows * sourceLength, t = rows * targetLength;
    double encoderLayer = s * (3 * d * d + d * d + 2 * d * ffn) + 2 * s * sourceLength * d;
    double decoderLayer = t * (3 * d * d + d * d + d * d + d * d + 2 * d * ffn) + s * 2 * d * d
                          + 2 * t * targetLength * d + 2 * t * sourceLength * d;
    double output = targetTokens * d * v;
    return 3 * 2 * (c.EncoderLayers * encoderLayer + c.DecoderLayers * decoderLayer + output);
}
