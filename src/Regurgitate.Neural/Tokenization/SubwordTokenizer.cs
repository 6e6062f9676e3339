using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Regurgitate.Tokenization;

/// <summary>
/// A byte-fallback BPE tokenizer over SentencePiece-style words: <see cref="Decode"/> of
/// <see cref="Encode"/> gives back any text exactly. Saved as a Hugging Face <c>tokenizer.json</c>.
/// </summary>
/// <remarks>
/// Id layout: 0 &lt;pad&gt;, 1 &lt;s&gt;, 2 &lt;/s&gt;, 3 &lt;unk&gt;, 4..259 the byte pieces &lt;0x00&gt;..&lt;0xFF&gt;,
/// 260 the word boundary ▁, then the alphabet, then one piece per merge.
///
/// Encoding is our own merge-rank encoder, not Microsoft.ML.Tokenizers' BpeTokenizer: in 2.0.1 that
/// class has no byte fallback (a character outside the vocabulary becomes &lt;unk&gt;, so unseen text
/// would not round-trip), and its SentencePiece support needs a SentencePiece protobuf model we do
/// not produce. The encoder applies merges lowest rank first, leftmost first on ties, as Hugging Face
/// BPE does, and caches each word's ids, so steady-state encoding is a dictionary lookup per word.
/// For these reasons the project no longer references Microsoft.ML.Tokenizers at all: nothing used it.
/// Hugging Face compatibility is checked in the tests against the Rust tokenizers library instead.
/// </remarks>
public sealed class SubwordTokenizer : ISubwordTokenizer
{
    /// <summary>Id of &lt;pad&gt;.</summary>
    public const int PadIdValue = 0;
    /// <summary>Id of &lt;s&gt;.</summary>
    public const int BosIdValue = 1;
    /// <summary>Id of &lt;/s&gt;.</summary>
    public const int EosIdValue = 2;
    /// <summary>Id of &lt;unk&gt;.</summary>
    public const int UnkIdValue = 3;
    /// <summary>Id of the byte piece &lt;0x00&gt;; byte b has id FirstByteId + b.</summary>
    public const int FirstByteId = 4;
    /// <summary>Id of the word-boundary piece ▁.</summary>
    public const int BoundaryId = FirstByteId + 256;
    /// <summary>First id after the reserved pieces.</summary>
    public const int FirstCharacterId = BoundaryId;

    /// <summary>The special pieces, in id order.</summary>
    public static readonly IReadOnlyList<string> SpecialPieces = ["<pad>", "<s>", "</s>", "<unk>"];

    // Words longer than this are encoded without caching, so one odd input cannot bloat the cache.
    const int MaxCachedWordLength = 64;
    const int MaxCacheEntries = 1 << 20;

    readonly string[] pieces;
    readonly Dictionary<string, int> pieceIds;
    readonly Dictionary<int, int> runeIds = new();
    readonly (string Left, string Right)[] merges;
    readonly Dictionary<long, (int Rank, int Result)> mergeTable = new();
    readonly ConcurrentDictionary<string, int[]> cache = new(StringComparer.Ordinal);
    readonly Lazy<byte[]> canonical;
    readonly Lazy<string> contentHash;

    /// <summary>Builds a tokenizer from its pieces (id order, reserved layout first) and merges (rank order).</summary>
    public SubwordTokenizer(IReadOnlyList<string> pieces, IReadOnlyList<(string Left, string Right)> merges)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        ArgumentNullException.ThrowIfNull(merges);
        var reserved = ReservedPieces().ToArray();
        if (pieces.Count < reserved.Length)
            throw new ArgumentException($"a vocabulary needs at least {reserved.Length} pieces (specials, bytes, ▁), got {pieces.Count}", nameof(pieces));
        for (int i = 0; i < reserved.Length; i++)
            if (pieces[i] != reserved[i])
                throw new ArgumentException($"piece {i} must be '{reserved[i]}' but is '{pieces[i]}'", nameof(pieces));

        this.pieces = pieces.ToArray();
        pieceIds = new Dictionary<string, int>(this.pieces.Length, StringComparer.Ordinal);
        for (int i = 0; i < this.pieces.Length; i++)
        {
            if (this.pieces[i].Length == 0) throw new ArgumentException($"piece {i} is empty", nameof(pieces));
            if (!pieceIds.TryAdd(this.pieces[i], i))
                throw new ArgumentException($"piece '{this.pieces[i]}' appears twice (ids {pieceIds[this.pieces[i]]} and {i})", nameof(pieces));
            if (i >= FirstCharacterId && Rune.DecodeFromUtf16(this.pieces[i], out var rune, out int used) == System.Buffers.OperationStatus.Done && used == this.pieces[i].Length)
                runeIds[rune.Value] = i;
        }

        this.merges = merges.ToArray();
        for (int rank = 0; rank < this.merges.Length; rank++)
        {
            var (left, right) = this.merges[rank];
            if (!pieceIds.TryGetValue(left, out int l) || !pieceIds.TryGetValue(right, out int r) || !pieceIds.TryGetValue(left + right, out int result))
                throw new ArgumentException($"merge {rank} ('{left}' + '{right}') uses a piece that is not in the vocabulary", nameof(merges));
            mergeTable.TryAdd(BpeTrainer.Key(l, r), (rank, result));
        }
        canonical = new Lazy<byte[]>(() => HuggingFaceTokenizerJson.Serialize(this));
        contentHash = new Lazy<string>(() => Convert.ToHexStringLower(SHA256.HashData(canonical.Value)));
    }

    /// <inheritdoc/>
    public int VocabularySize => pieces.Length;
    /// <inheritdoc/>
    public int PadId => PadIdValue;
    /// <inheritdoc/>
    public int BosId => BosIdValue;
    /// <inheritdoc/>
    public int EosId => EosIdValue;
    /// <inheritdoc/>
    public int UnkId => UnkIdValue;

    /// <summary>Pieces in id order.</summary>
    public IReadOnlyList<string> Pieces => pieces;
    /// <summary>Merges in rank order.</summary>
    public IReadOnlyList<(string Left, string Right)> Merges => merges;

    /// <summary>SHA-256 (lowercase hex) of the canonical <c>tokenizer.json</c> bytes: equal hashes mean equal tokenizers.</summary>
    public string ContentHash => contentHash.Value;

    /// <summary>The piece with id <paramref name="id"/>.</summary>
    public string IdToPiece(int id) => pieces[id];

    /// <summary>The id of <paramref name="piece"/>, or null if it is not in the vocabulary.</summary>
    public int? PieceToId(string piece) => pieceIds.TryGetValue(piece, out int id) ? id : null;

    /// <summary>Reads a tokenizer.json written by <see cref="Save"/> (or any file in the same layout).</summary>
    public static SubwordTokenizer Load(string path) => HuggingFaceTokenizerJson.Read(path);

    /// <summary>Writes the Hugging Face tokenizer.json atomically.</summary>
    public void Save(string path) => Regurgitate.IO.AtomicFile.Write(path, stream => stream.Write(canonical.Value));

    /// <summary>The canonical tokenizer.json bytes (what <see cref="Save"/> writes).</summary>
    public ReadOnlySpan<byte> ToJsonBytes() => canonical.Value;

    /// <inheritdoc/>
    public IReadOnlyList<int> Encode(string text) => EncodeToArray(text);

    /// <summary>Ids of <paramref name="text"/> as an array, without BOS/EOS.</summary>
    public int[] EncodeToArray(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0) return [];
        var prefixed = Metaspace.Prefix(text);
        var ids = new List<int>(text.Length / 3 + 2);
        var lookup = cache.GetAlternateLookup<ReadOnlySpan<char>>();
        var span = prefixed.AsSpan();
        for (int start = 0; start < span.Length;)
        {
            int end = Metaspace.WordEnd(span, start);
            var word = span[start..end];
            if (!lookup.TryGetValue(word, out var wordIds))
            {
                wordIds = EncodeWord(word);
                if (word.Length <= MaxCachedWordLength && cache.Count < MaxCacheEntries) lookup.TryAdd(word, wordIds);
            }
            ids.AddRange(wordIds);
            start = end;
        }
        return ids.ToArray();
    }

    /// <summary>Encodes many texts in parallel; the tokenizer is safe to share across threads.</summary>
    public int[][] EncodeBatch(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var result = new int[texts.Count][];
        Parallel.For(0, texts.Count, i => result[i] = EncodeToArray(texts[i]));
        return result;
    }

    /// <summary>The pieces of <paramref name="text"/> (▁ marks a space, &lt;0xNN&gt; a byte), for inspection.</summary>
    public IReadOnlyList<string> Tokenize(string text) => EncodeToArray(text).Select(id => pieces[id]).ToArray();

    /// <inheritdoc/>
    public string Decode(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new StringBuilder();
        var bytes = new List<byte>();
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)pieces.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"id outside the vocabulary of {pieces.Length}");
            if (id < FirstByteId) continue; // specials
            if (id < BoundaryId) { bytes.Add((byte)(id - FirstByteId)); continue; }
            FlushBytes(text, bytes);
            text.Append(pieces[id].Replace(Metaspace.Replacement[0], ' '));
        }
        FlushBytes(text, bytes);
        // The space Encode prepended; output that does not start with a boundary keeps its first character.
        if (text.Length > 0 && text[0] == ' ') text.Remove(0, 1);
        return text.ToString();
    }

    /// <summary>Ids of one word (its leading space stands for ▁), merges applied lowest rank first.</summary>
    int[] EncodeWord(ReadOnlySpan<char> word)
    {
        var symbols = new List<int>(word.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in word.EnumerateRunes())
        {
            if (rune.Value == ' ') symbols.Add(BoundaryId);
            else if (rune.Value != Metaspace.ReplacementRune && runeIds.TryGetValue(rune.Value, out int id)) symbols.Add(id);
            else
            {
                // Byte fallback; a literal ▁ in the text is spelled in bytes so it is not read back as a space.
                int n = rune.EncodeToUtf8(utf8);
                for (int b = 0; b < n; b++) symbols.Add(FirstByteId + utf8[b]);
            }
        }
        while (symbols.Count > 1)
        {
            int bestRank = int.MaxValue, bestAt = -1, bestResult = -1;
            for (int i = 0; i + 1 < symbols.Count; i++)
                if (mergeTable.TryGetValue(BpeTrainer.Key(symbols[i], symbols[i + 1]), out var merge) && merge.Rank < bestRank)
                    (bestRank, bestAt, bestResult) = (merge.Rank, i, merge.Result);
            if (bestAt < 0) break;
            symbols[bestAt] = bestResult;
            symbols.RemoveAt(bestAt + 1);
        }
        return symbols.ToArray();
    }

    static void FlushBytes(StringBuilder text, List<byte> bytes)
    {
        if (bytes.Count == 0) return;
        // Invalid UTF-8 (a model can emit any byte sequence) decodes to U+FFFD rather than failing.
        text.Append(Encoding.UTF8.GetString(bytes.ToArray()));
        bytes.Clear();
    }

    /// <summary>The pieces every vocabulary starts with: specials, the 256 byte pieces, ▁.</summary>
    internal static IEnumerable<string> ReservedPieces()
    {
        foreach (var special in SpecialPieces) yield return special;
        for (int b = 0; b < 256; b++) yield return $"<0x{b:X2}>";
        yield return Metaspace.Replacement;
    }
}
