using Regurgitate.Runtime;
using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>Builds padded source tensors for decoding.</summary>
internal static class SourceBatch
{
    /// <summary>
    /// (sentences × copies, src) ids: each source plus EOS, right-padded, each sentence repeated
    /// <paramref name="copies"/> times in consecutive rows (one row per hypothesis).
    /// </summary>
    public static Tensor Create(IReadOnlyList<int[]> sources, int copies, ModelConfig config, Device device)
    {
        int length = Math.Min(sources.Max(s => s.Length) + 1, config.MaxPositions);
        int rows = sources.Count * copies;
        var values = new long[rows * length];
        Array.Fill(values, config.PadId);
        for (int s = 0; s < sources.Count; s++)
        {
            var ids = sources[s];
            int n = Math.Min(ids.Length, length - 1);
            for (int c = 0; c < copies; c++)
            {
                int row = (s * copies + c) * length;
                for (int t = 0; t < n; t++) values[row + t] = ids[t];
                values[row + n] = config.EosId;
            }
        }
        using var cpu = tensor(values, [rows, length], dtype: ScalarType.Int64);
        return cpu.to(device).DetachFromDisposeScope();
    }

    /// <summary>Makes every token but EOS impossible in the rows flagged by <paramref name="forceEos"/>, and bans PAD/BOS everywhere.</summary>
    public static void Constrain(Tensor logProbabilities, bool[] forceEos, ModelConfig config)
    {
        using var scope = NewDisposeScope();
        logProbabilities.select(1, config.PadId).FillInPlace(double.NegativeInfinity);
        logProbabilities.select(1, config.BosId).FillInPlace(double.NegativeInfinity);
        if (!forceEos.Any(f => f)) return;
        long vocabulary = logProbabilities.shape[1];
        var rows = tensor(forceEos, device: logProbabilities.device).view(-1, 1);
        var notEos = ones(1, vocabulary, dtype: ScalarType.Bool, device: logProbabilities.device);
        notEos[0, config.EosId] = tensor(false);
        logProbabilities.MaskedFillInPlace(rows.logical_and(notEos), double.NegativeInfinity);
    }
}
