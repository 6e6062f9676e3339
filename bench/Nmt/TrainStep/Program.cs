using System.Diagnostics;
using System.Globalization;
using Regurgitate.Corpora.Formats;
using Regurgitate.Modeling;
using Regurgitate.Runtime;
using Regurgitate.Tokenization;
using Regurgitate.Training;
using static TorchSharp.torch;

// Where a cpu-small training step's time goes, and the FLOP/s it achieves as a fraction of the measured
// matrix-product peak. Usage: TrainStep [multi30k dir] [threads=2] [updates=20] [variants=fp32,bf16]
// Variants: fp32 | bf16, optionally "+nodrop" (all dropout off) to show what dropout costs.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
string data = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "corpora", "multi30k");
int threads = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2;
int updates = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 20;
string[] variants = (args.Length > 3 ? args[3] : "fp32,bf16").Split(',');
const int WarmupUpdates = 2;
set_num_threads(threads);
Console.WriteLine($"threads {get_num_threads()}, heap: {HeapTuning.Status}");

var source = TextLines.Read(Path.Combine(data, "train.de.gz")).Select(line => line.Text).ToList();
var target = TextLines.Read(Path.Combine(data, "train.en.gz")).Select(line => line.Text).ToList();
var tokenizer = BpeTrainer.Train(source.Concat(target), new BpeTrainerOptions(8000));
var pairs = source.Zip(target).Select(p => new TokenizedPair(tokenizer.Encode(p.First).ToArray(), tokenizer.Encode(p.Second).ToArray())).ToList();
// The first batches of epoch 1 with seed 1: the batches `regurg train --seed 1` and train_peer.py start with.
var batches = new TokenBatcher(pairs, 4096, 1).EpochBatches(1).Take(updates + WarmupUpdates).ToList();

var peaks = new Dictionary<ScalarType, double>();
foreach (var type in new[] { ScalarType.Float32, ScalarType.BFloat16 })
{
    peaks[type] = MatmulPeak(type);
    Console.WriteLine($"matmul 2048x2048x2048 {type}: {peaks[type]:F0} GFLOP/s");
}

Console.WriteLine();
Console.WriteLine("| variant | target tok/s | GFLOP/s | of matmul peak | forward (to decoder states) | output layer, loss, backward | clipping + Adam | batch building | padding (target) |");
Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var variant in variants)
{
    var config = ModelConfig.Preset("cpu-small", tokenizer.VocabularySize);
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
    long tokens = 0, paddedTokens = 0;
    double flops = 0;
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
    }
    double seconds = total.Elapsed.TotalSeconds;
    string Share(double s) => $"{s / seconds:P0}";
    Console.WriteLine($"| {variant} | {tokens / seconds:F0} | {flops / seconds / 1e9:F0} | {flops / seconds / 1e9 / peak:P0} | {Share(phases[0])} | {Share(phases[1])} | {Share(phases[2])} | {Share(phases[3])} | {1 - (double)tokens / paddedTokens:P1} |");
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
