using Regurgitate.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>
/// One padded batch on the model's device: source ids + EOS, decoder input BOS + target ids,
/// decoder output target ids + EOS; right-padded with the pad id.
/// </summary>
public sealed class TrainingBatch : IDisposable
{
    /// <summary>(batch, src) source ids.</summary>
    public Tensor Source { get; }
    /// <summary>(batch, tgt) decoder inputs.</summary>
    public Tensor TargetInput { get; }
    /// <summary>(batch, tgt) decoder outputs (what the loss predicts).</summary>
    public Tensor TargetOutput { get; }
    /// <summary>Non-padding target tokens (the loss normalizer).</summary>
    public long TargetTokens { get; }
    /// <summary>Sentence pairs in the batch.</summary>
    public int Sentences { get; }

    TrainingBatch(Tensor source, Tensor targetInput, Tensor targetOutput, long targetTokens, int sentences)
    {
        Source = source;
        TargetInput = targetInput;
        TargetOutput = targetOutput;
        TargetTokens = targetTokens;
        Sentences = sentences;
    }

    /// <summary>Builds the batch of <paramref name="indices"/> into <paramref name="pairs"/>.</summary>
    public static TrainingBatch Create(IReadOnlyList<TokenizedPair> pairs, IReadOnlyList<int> indices, ModelConfig config, Device device)
    {
        int rows = indices.Count;
        int sourceLength = indices.Max(i => pairs[i].Source.Length) + 1;
        int targetLength = indices.Max(i => pairs[i].Target.Length) + 1;
        var source = new long[rows * sourceLength];
        var input = new long[rows * targetLength];
        var output = new long[rows * targetLength];
        Array.Fill(source, config.PadId);
        Array.Fill(input, config.PadId);
        Array.Fill(output, config.PadId);
        long tokens = 0;
        for (int r = 0; r < rows; r++)
        {
            var pair = pairs[indices[r]];
            for (int t = 0; t < pair.Source.Length; t++) source[r * sourceLength + t] = pair.Source[t];
            source[r * sourceLength + pair.Source.Length] = config.EosId;
            input[r * targetLength] = config.BosId;
            for (int t = 0; t < pair.Target.Length; t++)
            {
                input[r * targetLength + t + 1] = pair.Target[t];
                output[r * targetLength + t] = pair.Target[t];
            }
            output[r * targetLength + pair.Target.Length] = config.EosId;
            tokens += pair.Target.Length + 1;
        }
        return new TrainingBatch(
            OnDevice(source, rows, sourceLength, device),
            OnDevice(input, rows, targetLength, device),
            OnDevice(output, rows, targetLength, device),
            tokens, rows);
    }

    static Tensor OnDevice(long[] values, int rows, int columns, Device device)
    {
        var cpu = tensor(values, [rows, columns], dtype: ScalarType.Int64);
        if (device.type == DeviceType.CPU) return cpu.DetachFromDisposeScope();
        using (cpu) return cpu.to(device).DetachFromDisposeScope();
    }

    public void Dispose()
    {
        Source.Dispose();
        TargetInput.Dispose();
        TargetOutput.Dispose();
    }
}
