using System.Collections;

namespace Regurgitate.Corpora.Sampling;

/// <summary>
/// A corpus's pairs sorted by <see cref="SeededRank"/>: the shuffled order that nested increments
/// (1k ⊂ 2k ⊂ ...) are prefixes of. Holds positions only; subsets re-stream the corpus.
/// </summary>
public sealed class SeededOrder
{
    readonly Corpus corpus;
    readonly long[] positionsByRank;

    SeededOrder(Corpus corpus, ulong seed, long[] positionsByRank)
    {
        this.corpus = corpus;
        Seed = seed;
        this.positionsByRank = positionsByRank;
    }

    /// <summary>The seed the order was drawn with.</summary>
    public ulong Seed { get; }
    /// <summary>Pairs in the corpus.</summary>
    public long Count => positionsByRank.LongLength;

    /// <summary>Reads <paramref name="corpus"/> once and sorts its positions by seeded rank.</summary>
    public static SeededOrder Compute(Corpus corpus, ulong seed)
    {
        var keys = new List<(ulong Rank, long Position)>();
        long position = 0;
        foreach (var pair in corpus)
        {
            keys.Add((SeededRank.Of(SeededRank.KeyOf(pair, position), seed), position));
            position++;
        }
        keys.Sort();
        return new SeededOrder(corpus, seed, [.. keys.Select(k => k.Position)]);
    }

    /// <summary>The 0-based corpus positions of the first <paramref name="count"/> pairs in seeded order.</summary>
    public IEnumerable<long> Positions(long count) => positionsByRank.Take(checked((int)Math.Min(count, Count)));

    /// <summary>The first <paramref name="count"/> pairs of the seeded order, streamed in corpus order.</summary>
    public Corpus Take(long count)
    {
        var chosen = new BitArray(checked((int)Count));
        foreach (var p in Positions(count)) chosen[(int)p] = true;
        return corpus.With(pairs => pairs.Where((_, i) => i < chosen.Length && chosen[i]),
            $"{corpus.Name} (random {Math.Min(count, Count):N0}, seed {Seed})", Math.Min(count, Count));
    }

    /// <summary>Nested subsets of <paramref name="step"/>, 2×<paramref name="step"/>, ... pairs (the last may be the whole corpus).</summary>
    public IReadOnlyList<Corpus> Increments(long step)
    {
        if (step <= 0) throw new ArgumentOutOfRangeException(nameof(step));
        var result = new List<Corpus>();
        for (long size = step; ; size += step)
        {
            result.Add(Take(Math.Min(size, Count)));
            if (size >= Count) break;
        }
        return result;
    }
}
