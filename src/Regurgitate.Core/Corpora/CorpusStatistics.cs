namespace Regurgitate.Corpora;

/// <summary>Length percentiles of one side, in whitespace-separated tokens (nearest-rank method).</summary>
public sealed record LengthDistribution(int Min, double Mean, int P5, int P25, int Median, int P75, int P95, int P99, int Max);

/// <summary>Counts for one side (source or target) of a corpus.</summary>
/// <param name="Tokens">Whitespace-separated tokens.</param>
/// <param name="Characters">UTF-16 characters.</param>
/// <param name="EmptyLines">Lines that are empty or only whitespace.</param>
/// <param name="Lengths">Sentence lengths in tokens.</param>
public sealed record SideStatistics(long Tokens, long Characters, long EmptyLines, LengthDistribution Lengths);

/// <summary>
/// What a corpus holds: pairs, tokens and length distribution per side, empty lines, duplicates and
/// provenance counts. Computed in one streaming pass; duplicates are found by 64-bit hashes of the text
/// (8 bytes a pair), whose collision chance is negligible at corpus sizes (about 1e-6 at 10M pairs).
/// </summary>
/// <param name="Pairs">Sentence pairs.</param>
/// <param name="Source">Source-side counts.</param>
/// <param name="Target">Target-side counts.</param>
/// <param name="DuplicatePairs">Pairs identical (source and target) to an earlier pair.</param>
/// <param name="DuplicateSources">Pairs whose source equals an earlier pair's source.</param>
/// <param name="Provenance">Pairs per provenance (generator and settings), largest first.</param>
public sealed record CorpusStatistics(long Pairs, SideStatistics Source, SideStatistics Target, long DuplicatePairs, long DuplicateSources,
    IReadOnlyList<KeyValuePair<string, long>> Provenance)
{
    /// <summary>Reads <paramref name="pairs"/> once and counts.</summary>
    public static CorpusStatistics Compute(IEnumerable<SentencePair> pairs)
    {
        var source = new SideCounter();
        var target = new SideCounter();
        var seenPairs = new HashSet<ulong>();
        var seenSources = new HashSet<ulong>();
        var provenance = new Dictionary<string, long>(StringComparer.Ordinal);
        long n = 0, duplicatePairs = 0, duplicateSources = 0;
        foreach (var pair in pairs)
        {
            n++;
            source.Add(pair.Source);
            target.Add(pair.Target);
            ulong sourceHash = Hash(pair.Source, 0x5EED);
            if (!seenSources.Add(sourceHash)) duplicateSources++;
            if (!seenPairs.Add(Hash(pair.Target, sourceHash))) duplicatePairs++;
            var label = pair.Provenance.ToString();
            provenance[label] = provenance.GetValueOrDefault(label) + 1;
        }
        return new CorpusStatistics(n, source.Result(), target.Result(), duplicatePairs, duplicateSources,
            [.. provenance.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)]);
    }

    /// <summary>Counts whitespace-separated tokens in <paramref name="text"/>.</summary>
    public static int CountTokens(string text)
    {
        int tokens = 0;
        bool inToken = false;
        foreach (char c in text)
        {
            bool space = char.IsWhiteSpace(c);
            if (!space && !inToken) tokens++;
            inToken = !space;
        }
        return tokens;
    }

    // FNV-1a over the UTF-16 code units, continued from `basis`, then a SplitMix64 finalizer.
    static ulong Hash(string text, ulong basis)
    {
        ulong hash = 14695981039346656037UL ^ basis;
        foreach (char c in text)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        hash ^= (ulong)text.Length;
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }

    sealed class SideCounter
    {
        readonly Dictionary<int, long> lengths = new();
        long tokens, characters, empty, count;

        public void Add(string text)
        {
            int n = CountTokens(text);
            if (n == 0) empty++;
            tokens += n;
            characters += text.Length;
            count++;
            lengths[n] = lengths.GetValueOrDefault(n) + 1;
        }

        public SideStatistics Result()
        {
            var sorted = lengths.OrderBy(kv => kv.Key).ToArray();
            int Percentile(double p)
            {
                if (count == 0) return 0;
                // Nearest rank: the smallest length with at least ceil(p·N) sentences at or below it.
                long rank = Math.Max(1, (long)Math.Ceiling(p / 100.0 * count));
                long cumulative = 0;
                foreach (var (length, c) in sorted)
                {
                    cumulative += c;
                    if (cumulative >= rank) return length;
                }
                return sorted[^1].Key;
            }
            var distribution = new LengthDistribution(count == 0 ? 0 : sorted[0].Key, count == 0 ? 0 : (double)tokens / count,
                Percentile(5), Percentile(25), Percentile(50), Percentile(75), Percentile(95), Percentile(99), count == 0 ? 0 : sorted[^1].Key);
            return new SideStatistics(tokens, characters, empty, distribution);
        }
    }
}
