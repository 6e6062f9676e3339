namespace Regurgitate.Corpora.Sampling;

/// <summary>
/// Deterministic subsets of a corpus: the first N pairs, a seeded random N, and nested increments.
/// Random subsets take the N pairs of lowest <see cref="SeededRank"/> (by id, or position when there is
/// none), so the random N of a seed is always the first N of that seed's shuffled order: random 1,000 ⊂
/// random 2,000 ⊂ ... (the study's increments), and results do not depend on platform or runtime.
/// Subsets keep the corpus order of their pairs.
/// </summary>
public static class Subsets
{
    /// <summary>The first <paramref name="count"/> pairs (streaming).</summary>
    public static Corpus First(Corpus corpus, long count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        long? known = corpus.KnownCount is long k ? Math.Min(k, count) : null;
        return corpus.With(pairs => pairs.Take(checked((int)Math.Min(count, int.MaxValue))), $"{corpus.Name} (first {count:N0})", known);
    }

    /// <summary>
    /// <paramref name="count"/> pairs chosen by <paramref name="seed"/>, in corpus order. Reads the corpus once,
    /// keeping only the current best <paramref name="count"/> pairs in memory. Fewer if the corpus is smaller.
    /// </summary>
    public static IReadOnlyList<SentencePair> Random(IEnumerable<SentencePair> corpus, int count, ulong seed)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count));
        if (count == 0) return [];
        // Max-heap on (rank, position): the root is the worst of the current best, replaced when beaten.
        var heap = new PriorityQueue<(SentencePair Pair, long Position), (ulong Rank, long Position)>(count + 1,
            Comparer<(ulong Rank, long Position)>.Create((a, b) => b.CompareTo(a)));
        long position = 0;
        foreach (var pair in corpus)
        {
            var key = (SeededRank.Of(SeededRank.KeyOf(pair, position), seed), position);
            if (heap.Count < count) heap.Enqueue((pair, position), key);
            else
            {
                heap.TryPeek(out _, out var worst);
                if (key.CompareTo(worst) < 0) heap.EnqueueDequeue((pair, position), key);
            }
            position++;
        }
        return [.. heap.UnorderedItems.Select(i => i.Element).OrderBy(e => e.Position).Select(e => e.Pair)];
    }

    /// <summary>A seeded random subset as a corpus (materialised once, when first enumerated).</summary>
    public static Corpus RandomCorpus(Corpus corpus, int count, ulong seed)
    {
        var chosen = new Lazy<IReadOnlyList<SentencePair>>(() => Random(corpus, count, seed));
        return new Corpus($"{corpus.Name} (random {count:N0}, seed {seed})", () => chosen.Value,
            corpus.KnownCount is long k ? Math.Min(k, count) : null, corpus.SourceLanguage, corpus.TargetLanguage);
    }

    /// <summary>
    /// The seeded order of <paramref name="corpus"/> (one pass, 16 bytes a pair), from which nested increments
    /// are drawn without holding pairs in memory: <c>order.Take(1000)</c> ⊂ <c>order.Take(2000)</c>.
    /// </summary>
    public static SeededOrder Order(Corpus corpus, ulong seed) => SeededOrder.Compute(corpus, seed);
}
