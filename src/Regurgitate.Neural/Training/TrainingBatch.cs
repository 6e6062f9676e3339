using Regurgitate.Modeling;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>
/// One padded batch on the model's device: source ids + EOS, decoder input BOS + target ids,
/// decoder output target ids + EOS; right-padded with the pad id.
/// </summary>
/// <remarks>
/// For a decoder-only model a pair is one sequence <c>source ids, BOS, target ids, EOS</c> (BOS separates prompt
/// from completion; an empty source makes a plain text line). The decoder input is that sequence without its
/// last token, the output the sequence shifted by one; <see cref="Source"/> is empty. Under
/// <see cref="TrainingObjective.Completion"/> the outputs at prompt positions are padding, so the loss (which
/// skips padding) covers the target ids and EOS only, as for an encoder-decoder model.
/// </remarks>
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

    /// <summary>Whether <paramref name="pair"/> fits the model's positions (longer pairs are left out of training).</summary>
    public static bool Fits(TokenizedPair pair, ModelConfig config) => config.IsDecoderOnly
        ? pair.Source.Length + pair.Target.Length + 1 <= config.MaxPositions
        : pair.Source.Length + 1 <= config.MaxPositions && pair.Target.Length + 1 <= config.MaxPositions;

    /// <summary>Builds the batch of <paramref name="indices"/> into <paramref name="pairs"/>, with the loss on the tokens <paramref name="objective"/> names.</summary>
    public static TrainingBatch Create(IReadOnlyList<TokenizedPair> pairs, IReadOnlyList<int> indices, ModelConfig config, Device device,
        TrainingObjective objective = TrainingObjective.Completion)
    {
        if (config.IsDecoderOnly) return CreateSequences(pairs, indices, config, device, objective);
        if (objective != TrainingObjective.Completion)
            throw new InputException("the language-model objective needs a decoder-only model", hint: "use an lm-* preset, or --objective completion");
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

    static TrainingBatch CreateSequences(IReadOnlyList<TokenizedPair> pairs, IReadOnlyList<int> indices, ModelConfig config, Device device,
        TrainingObjective objective)
    {
        int rows = indices.Count;
        int length = indices.Max(i => pairs[i].Source.Length + pairs[i].Target.Length + 1);
        var input = new long[rows * length];
        var output = new long[rows * length];
        Array.Fill(input, config.PadId);
        Array.Fill(output, config.PadId);
        long tokens = 0;
        for (int r = 0; r < rows; r++)
        {
            var pair = pairs[indices[r]];
            var sequence = new List<int>(pair.Source.Length + pair.Target.Length + 2);
            sequence.AddRange(pair.Source);
            sequence.Add(config.BosId);
            sequence.AddRange(pair.Target);
            sequence.Add(config.EosId);
            // Output t predicts sequence[t + 1]; the completion's first token is predicted from the separator.
            int firstScored = objective == TrainingObjective.LanguageModel ? 0 : pair.Source.Length;
            for (int t = 0; t < sequence.Count - 1; t++)
            {
                input[r * length + t] = sequence[t];
                if (t < firstScored) continue;
                output[r * length + t] = sequence[t + 1];
                tokens++;
            }
        }
        return new TrainingBatch(
            OnDevice([], rows, 0, device),
            OnDevice(input, rows, length, device),
            OnDevice(output, rows, length, device),
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
