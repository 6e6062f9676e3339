namespace Regurgitate.Diversity;

/// <summary>
/// A corpus tokenized once into per-segment unigram, bigram and trigram ids, plus per-segment
/// sufficient statistics of the sequential measures, so that each bootstrap resample only
/// re-counts integers (the sacreBLEU idea: per-segment statistics make resampling cheap).
/// </summary>
/// <remarks>
/// MATTR and MTLD depend on the order of the text: news test sets are documents, and neighbouring
/// segments share topic words. Concatenating resampled segments in random order would raise both
/// measures (we measured MTLD 118 → ~195 on newstest2017's reference), and keeping duplicates side
/// by side would lower them. So both are computed once on the text in its own order, each window
/// (MATTR) and each factor (MTLD) is credited to the segment where it starts or completes, and a
/// resample sums its segments' credits: the full text gives exactly the published definition.
/// </remarks>
internal sealed class TokenizedCorpus
{
    readonly long[] windowTypes;       // MATTR: Σ types of the windows starting in segment s
    readonly int[] windows;            // MATTR: number of windows starting in segment s
    readonly double[] forwardFactors;  // MTLD: factors credited to segment s reading forward
    readonly double[] backwardFactors; // MTLD: ... reading backward
    readonly int window;
    readonly int[] typeStart, bigramStart, trigramStart;          // offsets of segment s in the flat arrays below
    readonly int[] segmentTypes, segmentTypeCounts;               // distinct token ids of each segment and their counts
    readonly int[] segmentBigrams, segmentTrigrams;               // distinct n-gram ids of each segment

    public TokenizedCorpus(IReadOnlyList<string> segments, DiversityTokenizer tokenizer, DiversityOptions options)
    {
        var unigramIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var bigramIds = new Dictionary<(int, int), int>();
        var trigramIds = new Dictionary<(int, int, int), int>();
        Unigrams = new int[segments.Count][];
        Bigrams = new int[segments.Count][];
        Trigrams = new int[segments.Count][];
        for (int s = 0; s < segments.Count; s++)
        {
            var tokens = tokenizer.Tokenize(segments[s]);
            var ids = new int[tokens.Length];
            for (int i = 0; i < tokens.Length; i++)
            {
                if (!unigramIds.TryGetValue(tokens[i], out int id))
                {
                    id = unigramIds.Count;
                    unigramIds.Add(tokens[i], id);
                }
                ids[i] = id;
            }
            Unigrams[s] = ids;
            Bigrams[s] = new int[Math.Max(0, ids.Length - 1)];
            for (int i = 0; i + 1 < ids.Length; i++)
            {
                var key = (ids[i], ids[i + 1]);
                if (!bigramIds.TryGetValue(key, out int id)) bigramIds.Add(key, id = bigramIds.Count);
                Bigrams[s][i] = id;
            }
            Trigrams[s] = new int[Math.Max(0, ids.Length - 2)];
            for (int i = 0; i + 2 < ids.Length; i++)
            {
                var key = (ids[i], ids[i + 1], ids[i + 2]);
                if (!trigramIds.TryGetValue(key, out int id)) trigramIds.Add(key, id = trigramIds.Count);
                Trigrams[s][i] = id;
            }
            Tokens += ids.Length;
        }
        // What a resample needs per segment — each type once with its count, each n-gram type once —
        // packed into flat arrays in segment order, so a resample streams through memory.
        typeStart = new int[Segments + 1];
        bigramStart = new int[Segments + 1];
        trigramStart = new int[Segments + 1];
        var types = new List<int>();
        var typeCounts = new List<int>();
        var bigrams = new List<int>();
        var trigrams = new List<int>();
        for (int s = 0; s < Segments; s++)
        {
            foreach (var group in Unigrams[s].GroupBy(id => id))
            {
                types.Add(group.Key);
                typeCounts.Add(group.Count());
            }
            bigrams.AddRange(Bigrams[s].Distinct());
            trigrams.AddRange(Trigrams[s].Distinct());
            typeStart[s + 1] = types.Count;
            bigramStart[s + 1] = bigrams.Count;
            trigramStart[s + 1] = trigrams.Count;
        }
        segmentTypes = types.ToArray();
        segmentTypeCounts = typeCounts.ToArray();
        segmentBigrams = bigrams.ToArray();
        segmentTrigrams = trigrams.ToArray();
        UnigramTypes = unigramIds.Count;
        BigramTypes = bigramIds.Count;
        TrigramTypes = trigramIds.Count;

        // The sequential statistics of the text in its own order, credited to segments.
        int n = checked((int)Tokens);
        var sequence = new int[n];
        var segmentOf = new int[n];
        for (int s = 0, at = 0; s < Unigrams.Length; s++)
            foreach (int id in Unigrams[s]) { sequence[at] = id; segmentOf[at++] = s; }
        window = options.MattrWindow;
        windowTypes = new long[Segments];
        windows = new int[Segments];
        var typesAtStart = new int[Mattr.WindowCount(n, window)];
        Mattr.WindowTypes(sequence, window, new int[UnigramTypes], typesAtStart);
        for (int i = 0; i < typesAtStart.Length; i++)
        {
            windowTypes[segmentOf[i]] += typesAtStart[i];
            windows[segmentOf[i]]++;
        }
        forwardFactors = new double[Segments];
        backwardFactors = new double[Segments];
        var stamps = new int[UnigramTypes];
        int generation = 0;
        var factorAt = new double[n];
        Mtld.Factors(sequence, options.MtldThreshold, stamps, ref generation, reverse: false, factorAt);
        for (int i = 0; i < n; i++) forwardFactors[segmentOf[i]] += factorAt[i];
        Array.Clear(factorAt);
        Mtld.Factors(sequence, options.MtldThreshold, stamps, ref generation, reverse: true, factorAt);
        for (int i = 0; i < n; i++) backwardFactors[segmentOf[i]] += factorAt[i];
    }

    /// <summary>Token ids of each segment, in order.</summary>
    public int[][] Unigrams { get; }
    /// <summary>Bigram and trigram ids of each segment, in order (n-grams never cross segments).</summary>
    public int[][] Bigrams { get; }
    public int[][] Trigrams { get; }
    public int UnigramTypes { get; }
    public int BigramTypes { get; }
    public int TrigramTypes { get; }
    public long Tokens { get; }
    public int Segments => Unigrams.Length;

    /// <summary>Scratch arrays for measuring one resample; one per thread, reused across resamples.</summary>
    public sealed class Workspace(TokenizedCorpus corpus)
    {
        public readonly int[] Counts = new int[corpus.UnigramTypes];
        public readonly int[] Touched = new int[corpus.UnigramTypes];
        public readonly int[] TouchedCounts = new int[corpus.UnigramTypes];
        // One bit per n-gram type: 10 KB where int stamps took 400 KB, so the random accesses of
        // the distinct-n count stay in the L1 cache (this halved the time of a resample).
        public readonly ulong[] BigramSeen = new ulong[(corpus.BigramTypes + 63) / 64];
        public readonly ulong[] TrigramSeen = new ulong[(corpus.TrigramTypes + 63) / 64];
        public int[] SpectrumScratch = new int[256];
        public readonly int[] Multiplicity = new int[corpus.Segments];
    }

    /// <summary>
    /// Every measure of the text made of the segments <paramref name="order"/> names, written into
    /// <paramref name="result"/> by <see cref="DiversityMeasure.Index"/>. The identity order gives
    /// the measures of the text itself.
    /// </summary>
    public void Measure(ReadOnlySpan<int> order, DiversityOptions options, Workspace w, Span<double> result)
    {
        int types = 0;
        long n = 0;
        long windowTypeSum = 0, windowSum = 0;
        double forward = 0, backward = 0;
        Array.Clear(w.BigramSeen);
        Array.Clear(w.TrigramSeen);
        int bigrams = 0, trigrams = 0;
        // A segment drawn k times is visited once with weight k (about a third of a resample's draws
        // are repeats, and distinct n-grams need each segment only once), in segment order.
        foreach (int s in order) w.Multiplicity[s]++;
        for (int s = 0; s < Segments; s++)
        {
            int k = w.Multiplicity[s];
            if (k == 0) continue;
            w.Multiplicity[s] = 0;
            for (int t = typeStart[s]; t < typeStart[s + 1]; t++)
            {
                int id = segmentTypes[t];
                if (w.Counts[id] == 0) w.Touched[types++] = id;
                w.Counts[id] += k * segmentTypeCounts[t];
            }
            bigrams += MarkNew(segmentBigrams.AsSpan(bigramStart[s]..bigramStart[s + 1]), w.BigramSeen);
            trigrams += MarkNew(segmentTrigrams.AsSpan(trigramStart[s]..trigramStart[s + 1]), w.TrigramSeen);
            n += (long)k * Unigrams[s].Length;
            windowTypeSum += k * windowTypes[s];
            windowSum += (long)k * windows[s];
            forward += k * forwardFactors[s];
            backward += k * backwardFactors[s];
        }
        for (int t = 0; t < types; t++)
        {
            w.TouchedCounts[t] = w.Counts[w.Touched[t]];
            w.Counts[w.Touched[t]] = 0;
        }
        var spectrum = FrequencySpectrum.FromCounts(new ReadOnlySpan<int>(w.TouchedCounts, 0, types), ref w.SpectrumScratch);

        double perToken = n == 0 ? double.NaN : 1.0 / n;
        result[DiversityMeasure.Vocabulary.Index] = types;
        result[DiversityMeasure.Ttr.Index] = spectrum.TypeTokenRatio;
        result[DiversityMeasure.RootTtr.Index] = spectrum.RootTypeTokenRatio;
        // A text shorter than the window is one window, the text itself: MATTR is its TTR.
        result[DiversityMeasure.Mattr.Index] = Tokens < window ? spectrum.TypeTokenRatio
            : windowSum == 0 ? double.NaN : (double)windowTypeSum / ((double)windowSum * window);
        result[DiversityMeasure.Mtld.Index] = (Mtld.FromFactors(n, forward) + Mtld.FromFactors(n, backward)) / 2;
        result[DiversityMeasure.Hdd.Index] = spectrum.Hdd(options.HddSampleSize);
        result[DiversityMeasure.YulesK.Index] = spectrum.YulesK;
        result[DiversityMeasure.Distinct1.Index] = types * perToken;
        result[DiversityMeasure.Distinct2.Index] = bigrams * perToken;
        result[DiversityMeasure.Distinct3.Index] = trigrams * perToken;
        result[DiversityMeasure.Entropy.Index] = spectrum.Entropy;
        result[DiversityMeasure.HapaxRatio.Index] = spectrum.HapaxRatio;
    }

    /// <summary>Sets the bits of <paramref name="ids"/> and returns how many were not set before.</summary>
    static int MarkNew(ReadOnlySpan<int> ids, ulong[] seen)
    {
        int fresh = 0;
        foreach (int id in ids)
        {
            ref ulong word = ref seen[id >> 6];
            ulong bit = 1UL << (id & 63);
            if ((word & bit) == 0)
            {
                word |= bit;
                fresh++;
            }
        }
        return fresh;
    }
}
