using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Regurgitate.Progress;

namespace Regurgitate.Tokenization;

/// <summary>
/// Learns a byte-pair-encoding vocabulary (Sennrich et al. 2016) over SentencePiece-style words
/// (<see cref="Metaspace"/>), with byte fallback for characters outside the alphabet.
/// </summary>
/// <remarks>
/// Fast because it never rescans the corpus: texts are reduced to word types with frequencies, and
/// after each merge only the words that contain the merged pair are rewritten, with pair counts
/// updated incrementally and the best pair taken from a priority queue (only increases are queued;
/// an entry found stale when popped is re-queued with its current count). Deterministic because every choice has a total order: the alphabet is sorted by
/// frequency then code point, and pairs by count, then left id, then right id; hash order never
/// decides anything.
/// </remarks>
public static class BpeTrainer
{
    /// <summary>Trains a tokenizer on <paramref name="texts"/> (one sentence each; both languages for a joint vocabulary).</summary>
    public static SubwordTokenizer Train(IEnumerable<string> texts, BpeTrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(options);
        if (options.VocabularySize < BpeTrainerOptions.MinimumVocabularySize)
            throw new ArgumentOutOfRangeException(nameof(options), options.VocabularySize,
                $"vocabulary size must be at least {BpeTrainerOptions.MinimumVocabularySize} (4 specials, 256 byte pieces, the word boundary)");
        if (options.MinPairFrequency < 1)
            throw new ArgumentOutOfRangeException(nameof(options), options.MinPairFrequency, "minimum pair frequency must be at least 1");

        var wordCounts = CountWords(texts);
        // Ordinal order of word types: the run does not depend on input order or hash order.
        var words = wordCounts.Keys.ToArray();
        Array.Sort(words, StringComparer.Ordinal);
        var frequencies = words.Select(w => wordCounts[w]).ToArray();

        var pieces = SubwordTokenizer.ReservedPieces().ToList();
        var pieceIds = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < pieces.Count; i++) pieceIds[pieces[i]] = i;
        var runeIds = BuildAlphabet(words, frequencies, options, pieces, pieceIds);
        // Character class of each piece (see CharacterClass); merges never join two classes.
        var classes = new List<CharacterClass>(options.VocabularySize);
        for (int id = 0; id < pieces.Count; id++)
            classes.Add(id < SubwordTokenizer.FirstCharacterId ? CharacterClass.Other : ClassOf(pieces[id], options));
        bool Mergeable(int left, int right) => left >= 0 && right >= 0
            && (classes[left] == CharacterClass.Boundary || classes[left] == classes[right]);

        // Each word type as a sequence of piece ids; -1 stands for a character spelled with bytes,
        // which never takes part in a merge.
        var symbols = new int[words.Length][];
        var lengths = new int[words.Length];
        for (int w = 0; w < words.Length; w++)
        {
            var list = new List<int>(words[w].Length);
            foreach (var rune in words[w].EnumerateRunes())
                list.Add(rune.Value == ' ' ? SubwordTokenizer.BoundaryId
                    : rune.Value != Metaspace.ReplacementRune && runeIds.TryGetValue(rune.Value, out int id) ? id : -1);
            symbols[w] = list.ToArray();
            lengths[w] = symbols[w].Length;
        }

        var pairCounts = new Dictionary<long, long>();
        var pairWords = new Dictionary<long, HashSet<int>>();
        for (int w = 0; w < words.Length; w++)
        {
            var s = symbols[w];
            for (int i = 0; i + 1 < lengths[w]; i++)
            {
                if (!Mergeable(s[i], s[i + 1])) continue;
                long key = Key(s[i], s[i + 1]);
                pairCounts[key] = pairCounts.GetValueOrDefault(key) + frequencies[w];
                if (!pairWords.TryGetValue(key, out var set)) pairWords[key] = set = new HashSet<int>();
                set.Add(w);
            }
        }

        var queue = new PriorityQueue<long, (long Count, long Key)>(PairOrder.Instance);
        foreach (var (key, count) in pairCounts)
            if (count >= options.MinPairFrequency) queue.Enqueue(key, (count, key));

        var merges = new List<(string Left, string Right)>();
        var merged = new HashSet<long>();
        var delta = new Dictionary<long, long>();
        int target = options.VocabularySize;
        while (pieces.Count < target && queue.TryDequeue(out long best, out var priority))
        {
            // Only increases are queued, so an entry's count is never below the pair's true count:
            // an entry with the true count is the true best. Stale entries are re-queued lazily.
            if (!pairCounts.TryGetValue(best, out long current)) continue;
            if (current != priority.Count)
            {
                if (current < priority.Count && current >= options.MinPairFrequency) queue.Enqueue(best, (current, best));
                continue;
            }
            int left = (int)(best >> 32), right = (int)(best & 0xFFFFFFFF);
            string joined = pieces[left] + pieces[right];
            if (!pieceIds.TryGetValue(joined, out int result))
            {
                result = pieces.Count;
                pieces.Add(joined);
                pieceIds[joined] = result;
                classes.Add(classes[left] == CharacterClass.Boundary ? classes[right] : classes[left]);
            }
            // A pair can reappear after its merge when another merge rebuilds one of its pieces;
            // the first rank already covers it at encoding time, so it is recorded once.
            if (merged.Add(best)) merges.Add((pieces[left], pieces[right]));

            delta.Clear();
            foreach (int w in pairWords[best])
                MergeInWord(w, left, right, result, symbols, lengths, frequencies[w], pairWords, delta, Mergeable);
            pairWords.Remove(best);
            pairCounts.Remove(best);
            foreach (var (key, change) in delta)
            {
                if (change == 0 || key == best) continue;
                long count = pairCounts.GetValueOrDefault(key) + change;
                pairCounts[key] = count;
                if (change > 0 && count >= options.MinPairFrequency) queue.Enqueue(key, (count, key));
            }

            if (merges.Count % 500 == 0)
                options.Progress?.Report(new ProgressUpdate("train tokenizer", pieces.Count, target, "pieces", $"last merge {pieces[left]} + {pieces[right]}"));
        }
        options.Progress?.Report(new ProgressUpdate("train tokenizer", pieces.Count, target, "pieces", $"{merges.Count} merges"));
        return new SubwordTokenizer(pieces, merges);
    }

    /// <summary>Word type → frequency over all texts (see <see cref="Metaspace"/> for what a word is).</summary>
    static Dictionary<string, long> CountWords(IEnumerable<string> texts)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            var prefixed = Metaspace.Prefix(text).AsSpan();
            for (int start = 0; start < prefixed.Length;)
            {
                int end = Metaspace.WordEnd(prefixed, start);
                var word = prefixed[start..end];
                lookup[word] = lookup.TryGetValue(word, out long n) ? n + 1 : 1;
                start = end;
            }
        }
        return counts;
    }

    /// <summary>
    /// Adds the word-boundary piece and every character seen at least MinCharacterFrequency times,
    /// most frequent first (ties by code point), as far as the vocabulary size allows.
    /// </summary>
    static Dictionary<int, int> BuildAlphabet(string[] words, long[] frequencies, BpeTrainerOptions options,
        List<string> pieces, Dictionary<string, int> pieceIds)
    {
        var runeCounts = new Dictionary<int, long>();
        for (int w = 0; w < words.Length; w++)
            foreach (var rune in words[w].EnumerateRunes())
                if (rune.Value != ' ' && rune.Value != Metaspace.ReplacementRune)
                    runeCounts[rune.Value] = runeCounts.GetValueOrDefault(rune.Value) + frequencies[w];

        var runeIds = new Dictionary<int, int> { [Metaspace.ReplacementRune] = SubwordTokenizer.BoundaryId };
        var alphabet = runeCounts.Where(kv => kv.Value >= options.MinCharacterFrequency)
            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key)
            .Take(options.VocabularySize - pieces.Count);
        foreach (var (rune, _) in alphabet)
        {
            string piece = new Rune(rune).ToString();
            runeIds[rune] = pieces.Count;
            pieceIds[piece] = pieces.Count;
            pieces.Add(piece);
        }
        return runeIds;
    }

    /// <summary>
    /// Merges every (left, right) in word <paramref name="w"/>, left to right; the change in pair
    /// counts goes to <paramref name="delta"/> and new pairs into the pair → words index.
    /// </summary>
    static void MergeInWord(int w, int left, int right, int result, int[][] symbols, int[] lengths, long frequency,
        Dictionary<long, HashSet<int>> pairWords, Dictionary<long, long> delta, Func<int, int, bool> mergeable)
    {
        var s = symbols[w];
        int n = lengths[w];
        bool found = false;
        for (int i = 0; i + 1 < n; i++)
            if (s[i] == left && s[i + 1] == right) { found = true; break; }
        if (!found) return; // the index may be a superset after earlier rewrites

        for (int i = 0; i + 1 < n; i++)
            if (mergeable(s[i], s[i + 1]))
                CollectionsMarshal.GetValueRefOrAddDefault(delta, Key(s[i], s[i + 1]), out _) -= frequency;
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (i + 1 < n && s[i] == left && s[i + 1] == right) { s[m++] = result; i++; }
            else s[m++] = s[i];
        }
        lengths[w] = m;
        for (int i = 0; i + 1 < m; i++)
        {
            if (!mergeable(s[i], s[i + 1])) continue;
            long key = Key(s[i], s[i + 1]);
            CollectionsMarshal.GetValueRefOrAddDefault(delta, key, out _) += frequency;
            if (s[i] != result && s[i + 1] != result) continue; // an old pair: already indexed
            if (!pairWords.TryGetValue(key, out var set)) pairWords[key] = set = new HashSet<int>();
            set.Add(w);
        }
    }

    /// <summary>
    /// What a piece is made of. Like SentencePiece's split_by_unicode_script and split_by_number,
    /// merges stay inside one class, so "Fahrrad." never becomes a piece and punctuation and digits
    /// are learned once rather than glued to every word. Only the trainer needs this: a merge that
    /// does not exist is never applied, so encoders (ours, Hugging Face's) need no extra splitting.
    /// </summary>
    enum CharacterClass { Boundary, Letter, Number, Other }

    static CharacterClass ClassOf(string piece, BpeTrainerOptions options)
    {
        if (piece == Metaspace.Replacement) return CharacterClass.Boundary;
        if (!options.SplitByCharacterClass) return CharacterClass.Letter;
        var rune = Rune.GetRuneAt(piece, 0);
        return Rune.GetUnicodeCategory(rune) switch
        {
            >= UnicodeCategory.UppercaseLetter and <= UnicodeCategory.EnclosingMark => CharacterClass.Letter,
            >= UnicodeCategory.DecimalDigitNumber and <= UnicodeCategory.OtherNumber => CharacterClass.Number,
            _ => CharacterClass.Other,
        };
    }

    internal static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>Most frequent pair first; ties go to the smaller left id, then the smaller right id.</summary>
    sealed class PairOrder : IComparer<(long Count, long Key)>
    {
        public static readonly PairOrder Instance = new();
        public int Compare((long Count, long Key) x, (long Count, long Key) y)
        {
            int byCount = y.Count.CompareTo(x.Count);
            return byCount != 0 ? byCount : x.Key.CompareTo(y.Key);
        }
    }
}
