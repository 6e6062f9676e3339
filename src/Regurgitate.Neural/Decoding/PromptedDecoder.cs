using Regurgitate.Modeling;
using Regurgitate.Runtime;
using static TorchSharp.torch;

namespace Regurgitate.Decoding;

/// <summary>
/// Incremental decoding of a decoder-only model: each row's prompt (its source ids) is left-padded to the
/// batch's longest, the BOS separator of the first step is appended, and the completion grows from there.
/// With a cache the prompt and separator run in one pass and each later step feeds only the newest token;
/// without, every step reruns the whole sequence (slow, used to check the cache).
/// </summary>
/// <remarks>
/// Left padding keeps every row's newest token in the same column. So that a row's outputs do not depend on
/// its batch-mates, positions count from each row's first real token, and no real token attends to a pad;
/// a pad attends to itself alone (a row of only masked keys would give NaN, which spreads through the
/// value products of later layers even at weight 0).
/// </remarks>
public sealed class PromptedDecoder : IIncrementalDecoder
{
    readonly TranslationModel model;
    readonly DecoderCache? cache;
    Tensor? prompt;          // (rows, P) left-padded prompt ids, until the first step feeds them
    Tensor? sequence;        // (rows, length) everything fed so far, without cache
    Tensor keyIsPad;         // (rows, keys) whether each fed column is padding
    Tensor padding;          // (rows, 1) pad columns before each row's prompt

    /// <summary>Builds the prompts of <paramref name="sources"/>, each repeated <paramref name="copies"/> times.</summary>
    public PromptedDecoder(TranslationModel model, IReadOnlyList<int[]> sources, int copies, bool useCache)
    {
        this.model = model;
        var config = model.Config;
        int length = sources.Max(s => config.PromptLength(s.Length));
        int rows = sources.Count * copies;
        var ids = new long[rows * length];
        var pads = new long[rows];
        Array.Fill(ids, config.PadId);
        for (int s = 0; s < sources.Count; s++)
        {
            int n = config.PromptLength(sources[s].Length);
            for (int c = 0; c < copies; c++)
            {
                int row = s * copies + c;
                pads[row] = length - n;
                for (int t = 0; t < n; t++) ids[row * length + length - n + t] = sources[s][t];
            }
        }
        using var scope = NewDisposeScope();
        var device = model.Device;
        prompt = tensor(ids, [rows, length], dtype: ScalarType.Int64).to(device).DetachFromDisposeScope();
        padding = tensor(pads, [rows, 1], dtype: ScalarType.Int64).to(device).DetachFromDisposeScope();
        var columns = KeptScalars.Range(0, length, 1, ScalarType.Int64, device).unsqueeze(0);
        keyIsPad = columns.lt(padding).DetachFromDisposeScope();
        cache = useCache ? new DecoderCache(config.DecoderLayers) : null;
    }

    /// <inheritdoc/>
    public Tensor Step(Tensor lastTokens)
    {
        using var scope = NewDisposeScope();
        var last = lastTokens.view(-1, 1);
        long rows = last.shape[0];
        // Input of this step and the column it starts at.
        Tensor input;
        long start;
        if (prompt is not null)
        {
            input = cat([prompt, last], 1);
            prompt.Dispose();
            prompt = null;
            start = 0;
        }
        else
        {
            input = last;
            start = cache?.Length ?? sequence!.shape[1];
        }
        StateTensors.Replace(ref keyIsPad, cat([keyIsPad, zeros(rows, last.shape[1], dtype: ScalarType.Bool, device: last.device)], 1));
        if (cache is null)
        {
            var all = sequence is null ? input : cat([sequence, input], 1);
            sequence?.Dispose();
            sequence = all.DetachFromDisposeScope();
            input = sequence;
            start = 0;
        }
        long length = input.shape[1], keys = keyIsPad.shape[1];
        var queryColumns = KeptScalars.Range(start, start + length, 1, ScalarType.Int64, last.device).view(1, length);
        var positions = queryColumns.Minus(padding).AtLeastValue(0);
        var keyColumns = KeptScalars.Range(0, keys, 1, ScalarType.Int64, last.device).view(1, 1, 1, keys);
        var queries = queryColumns.view(1, 1, length, 1);
        var blocked = keyColumns.gt(queries).logical_or(keyIsPad.view(rows, 1, 1, keys).logical_and(keyColumns.ne(queries)));
        var mask = zeros(blocked.shape, dtype: ScalarType.Float32, device: last.device).MaskedFillInPlace(blocked, double.NegativeInfinity);
        var states = model.LanguageModelStates(input, positions, mask, cache);
        var logits = model.Logits(states.select(1, -1));
        return logits.to(ScalarType.Float32).log_softmax(-1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc/>
    public void SelectRows(Tensor rows, bool sameSentences)
    {
        // One sequence per row and nothing shared between rows: every row-wise state follows the selection.
        using var scope = NewDisposeScope();
        cache?.ReorderSelf(rows);
        StateTensors.Replace(ref keyIsPad, keyIsPad.index_select(0, rows));
        StateTensors.Replace(ref padding, padding.index_select(0, rows));
        StateTensors.SelectRows(ref sequence, rows);
        StateTensors.SelectRows(ref prompt, rows);
    }

    public void Dispose()
    {
        cache?.Dispose();
        prompt?.Dispose();
        sequence?.Dispose();
        keyIsPad.Dispose();
        padding.Dispose();
    }
}
