using Regurgitate.Modeling;

namespace Regurgitate.Training;

/// <summary>
/// Groups sentence pairs into batches of at most <see cref="MaxTokens"/> tokens counting padding
/// (rows × longest side, source or target with BOS/EOS). Each epoch shuffles the pairs, cuts them into
/// large chunks, sorts each chunk by length so that batch-mates have similar lengths (little padding),
/// and finally shuffles the batch order. Deterministic in (seed, epoch).
/// </summary>
public sealed class TokenBatcher
{
    readonly IReadOnlyList<TokenizedPair> pairs;
    readonly bool joint;

    /// <summary>Token budget per batch, padding included.</summary>
    public int MaxTokens { get; }
    /// <summary>Pairs per sorting chunk.</summary>
    public int ChunkSize { get; }
    /// <summary>Seed of the data order.</summary>
    public long Seed { get; }

    /// <param name="pairs">The pairs to batch.</param>
    /// <param name="maxTokens">Token budget per batch, padding included.</param>
    /// <param name="seed">Seed of the data order.</param>
    /// <param name="chunkSize">Pairs per sorting chunk.</param>
    /// <param name="architecture">Decoder-only models read source and target as one sequence, so their lengths add up.</param>
    public TokenBatcher(IReadOnlyList<TokenizedPair> pairs, int maxTokens, long seed, int chunkSize = 16384,
        ModelArchitecture architecture = ModelArchitecture.EncoderDecoder)
    {
        joint = architecture == ModelArchitecture.DecoderOnly;
        if (maxTokens < 8) throw new InputException($"batch size of {maxTokens} tokens is too small");
        this.pairs = pairs;
        MaxTokens = maxTokens;
        Seed = seed;
        ChunkSize = chunkSize;
    }

    /// <summary>Padded length of pair <paramref name="pair"/>: the longer side plus one (EOS or BOS).</summary>
    public static int PaddedLength(TokenizedPair pair) => Math.Max(pair.Source.Length, pair.Target.Length) + 1;

    /// <summary>Padded length of a decoder-only sequence: source, separator and target.</summary>
    public static int JointLength(TokenizedPair pair) => pair.Source.Length + pair.Target.Length + 1;

    int LengthOf(TokenizedPair pair) => joint ? JointLength(pair) : PaddedLength(pair);

    /// <summary>The batches (indices into the pairs) of epoch <paramref name="epoch"/>, in training order.</summary>
    public IReadOnlyList<int[]> EpochBatches(int epoch)
    {
        var order = new DataOrder(Seed, epoch);
        var indices = Enumerable.Range(0, pairs.Count).ToArray();
        order.Shuffle(indices);
        var batches = new List<int[]>();
        for (int start = 0; start < indices.Length; start += ChunkSize)
        {
            var chunk = indices.Skip(start).Take(ChunkSize)
                .OrderBy(i => LengthOf(pairs[i])).ThenBy(i => pairs[i].Source.Length).ThenBy(i => i).ToArray();
            var current = new List<int>();
            int longest = 0;
            foreach (int i in chunk)
            {
                int length = LengthOf(pairs[i]);
                int newLongest = Math.Max(longest, length);
                if (current.Count > 0 && newLongest * (current.Count + 1) > MaxTokens)
                {
                    batches.Add(current.ToArray());
                    current.Clear();
                    newLongest = length;
                }
                current.Add(i);
                longest = newLongest;
            }
            if (current.Count > 0) batches.Add(current.ToArray());
        }
        order.Shuffle(batches);
        return batches;
    }
}
