namespace Regurgitate.Metrics;

/// <summary>
/// Per-thread working memory for n-gram counting without per-n-gram strings: tokens become ids
/// through a vocabulary that lives as long as the thread, and an n-gram of order n becomes a dense
/// id through the pair (id of its (n-1)-gram prefix, last symbol). Ids are exact, never hashes.
/// </summary>
internal sealed class NgramScratch
{
    [ThreadStatic] static NgramScratch? current;

    /// <summary>This thread's scratch; a segment's ids are only valid until the next <see cref="Reset"/>.</summary>
    public static NgramScratch ForThisThread => current ??= new NgramScratch();

    // Bounds memory on corpora with huge vocabularies; ids are only compared within one segment.
    const int MaxVocabulary = 1 << 21;

    readonly Dictionary<string, int> vocabulary = new(StringComparer.Ordinal);
    readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> vocabularyLookup;
    readonly List<Dictionary<long, int>> ngramIds = [];
    int nextId;

    /// <summary>Counters indexed by n-gram id, zeroed for ids below <see cref="IdCount"/> at each reset.</summary>
    public int[] CountA = new int[256], CountB = new int[256], CountC = new int[256];
    /// <summary>Order (1-based, per namespace) of each n-gram id.</summary>
    public int[] OrderOf = new int[256];
    /// <summary>Reusable id buffers, one per order.</summary>
    public readonly List<int[]> IdBuffers = [];
    /// <summary>Reusable symbol buffers.</summary>
    public int[] SymbolsA = new int[256], SymbolsB = new int[256];
    /// <summary>Reusable list of token ranges.</summary>
    public readonly List<Range> Ranges = [];
    /// <summary>Reusable list of touched ids.</summary>
    public readonly List<int> Touched = [];

    NgramScratch() => vocabularyLookup = vocabulary.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Number of n-gram ids handed out since the last reset.</summary>
    public int IdCount => nextId;

    /// <summary>Starts a new segment: forgets n-gram ids and zeroes the counters.</summary>
    public void Reset()
    {
        Array.Clear(CountA, 0, nextId);
        Array.Clear(CountB, 0, nextId);
        Array.Clear(CountC, 0, nextId);
        foreach (var table in ngramIds) table.Clear();
        nextId = 0;
        if (vocabulary.Count > MaxVocabulary) vocabulary.Clear();
    }

    /// <summary>The id of a token (stable for the thread until the vocabulary is trimmed at a reset).</summary>
    public int TokenId(ReadOnlySpan<char> token)
    {
        if (vocabularyLookup.TryGetValue(token, out int id)) return id;
        id = vocabulary.Count;
        vocabularyLookup[token] = id;
        return id;
    }

    /// <summary>Maps the tokens of <paramref name="text"/> at <paramref name="ranges"/> to ids in <paramref name="into"/>.</summary>
    public int[] TokenIds(string text, List<Range> ranges, ref int[] into)
    {
        if (into.Length < ranges.Count) into = new int[Math.Max(ranges.Count, into.Length * 2)];
        for (int i = 0; i < ranges.Count; i++) into[i] = TokenId(text.AsSpan()[ranges[i]]);
        return into;
    }

    /// <summary>
    /// Fills <see cref="IdBuffers"/>[k] with the ids of the (k+1)-grams of <paramref name="symbols"/> for k below
    /// <paramref name="maxOrder"/>. <paramref name="space"/> separates kinds of n-grams (characters vs words).
    /// </summary>
    public void NgramIds(ReadOnlySpan<int> symbols, int maxOrder, int space)
    {
        while (IdBuffers.Count < maxOrder) IdBuffers.Add(new int[256]);
        if (maxOrder > 32) throw new ArgumentOutOfRangeException(nameof(maxOrder), "n-gram orders above 32 are not supported");
        int n = symbols.Length;
        for (int order = 1; order <= maxOrder; order++)
        {
            int count = n - order + 1;
            if (count <= 0) break;
            if (IdBuffers[order - 1].Length < count) IdBuffers[order - 1] = new int[Math.Max(count, IdBuffers[order - 1].Length * 2)];
            var ids = IdBuffers[order - 1];
            var table = ngramIds[SlotFor(space, order)];
            var previous = order > 1 ? IdBuffers[order - 2] : null;
            for (int i = 0; i < count; i++)
            {
                long key = ((long)(previous == null ? 0 : previous[i]) << 32) | (uint)symbols[i + order - 1];
                if (!table.TryGetValue(key, out int id))
                {
                    id = nextId++;
                    EnsureCapacity(nextId);
                    OrderOf[id] = order;
                    table.Add(key, id);
                }
                ids[i] = id;
            }
        }
    }

    int SlotFor(int space, int order)
    {
        int slot = space * 32 + order - 1;
        while (ngramIds.Count <= slot) ngramIds.Add([]);
        return slot;
    }

    void EnsureCapacity(int size)
    {
        if (size <= CountA.Length) return;
        int grown = Math.Max(size, CountA.Length * 2);
        Array.Resize(ref CountA, grown);
        Array.Resize(ref CountB, grown);
        Array.Resize(ref CountC, grown);
        Array.Resize(ref OrderOf, grown);
    }
}
