using Regurgitate.Corpora.Formats;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Regurgitate.Tokenization;

/// <summary>
/// Reads and writes <see cref="SubwordTokenizer"/> as a Hugging Face <c>tokenizer.json</c> that
/// <c>tokenizers.Tokenizer.from_file</c> loads: a BPE model with byte fallback, the Llama-style
/// normalizer (prepend ▁, spaces → ▁), a Metaspace pre-tokenizer that splits before each ▁, and the
/// matching decoder chain (▁ → space, byte fallback, fuse, strip the prepended space).
/// </summary>
/// <remarks>
/// The output is canonical (fixed key order, vocabulary in id order, merges in rank order, no
/// escaping of non-ASCII), so equal tokenizers give equal bytes and <see cref="SubwordTokenizer.ContentHash"/>
/// identifies one. Known difference from our encoder: Hugging Face's pre-tokenizer reads a literal ▁
/// already in the text as a word boundary, where we spell it in bytes; texts without U+2581 encode identically.
/// </remarks>
internal static class HuggingFaceTokenizerJson
{
    public static byte[] Serialize(SubwordTokenizer tokenizer)
    {
        using var buffer = new MemoryStream();
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using (var json = new Utf8JsonWriter(buffer, options))
        {
            json.WriteStartObject();
            json.WriteString("version", "1.0");
            json.WriteNull("truncation");
            json.WriteNull("padding");

            json.WriteStartArray("added_tokens");
            for (int id = 0; id < SubwordTokenizer.SpecialPieces.Count; id++)
            {
                json.WriteStartObject();
                json.WriteNumber("id", id);
                json.WriteString("content", SubwordTokenizer.SpecialPieces[id]);
                json.WriteBoolean("single_word", false);
                json.WriteBoolean("lstrip", false);
                json.WriteBoolean("rstrip", false);
                json.WriteBoolean("normalized", false);
                json.WriteBoolean("special", true);
                json.WriteEndObject();
            }
            json.WriteEndArray();

            json.WriteStartObject("normalizer");
            json.WriteString("type", "Sequence");
            json.WriteStartArray("normalizers");
            json.WriteStartObject();
            json.WriteString("type", "Prepend");
            json.WriteString("prepend", Metaspace.Replacement);
            json.WriteEndObject();
            WriteReplace(json, " ", Metaspace.Replacement);
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("pre_tokenizer");
            json.WriteString("type", "Metaspace");
            json.WriteString("replacement", Metaspace.Replacement);
            json.WriteString("prepend_scheme", "never");
            json.WriteBoolean("split", true);
            json.WriteEndObject();

            json.WriteNull("post_processor");

            json.WriteStartObject("decoder");
            json.WriteString("type", "Sequence");
            json.WriteStartArray("decoders");
            WriteReplace(json, Metaspace.Replacement, " ");
            json.WriteStartObject();
            json.WriteString("type", "ByteFallback");
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "Fuse");
            json.WriteEndObject();
            json.WriteStartObject();
            json.WriteString("type", "Strip");
            json.WriteString("content", " ");
            json.WriteNumber("start", 1);
            json.WriteNumber("stop", 0);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteStartObject("model");
            json.WriteString("type", "BPE");
            json.WriteNull("dropout");
            json.WriteString("unk_token", SubwordTokenizer.SpecialPieces[SubwordTokenizer.UnkIdValue]);
            json.WriteNull("continuing_subword_prefix");
            json.WriteNull("end_of_word_suffix");
            json.WriteBoolean("fuse_unk", false);
            json.WriteBoolean("byte_fallback", true);
            json.WriteBoolean("ignore_merges", false);
            json.WriteStartObject("vocab");
            for (int id = 0; id < tokenizer.Pieces.Count; id++) json.WriteNumber(tokenizer.Pieces[id], id);
            json.WriteEndObject();
            // Pair form ["a","b"] (tokenizers >= 0.20) rather than "a b": pieces may hold any character.
            json.WriteStartArray("merges");
            foreach (var (left, right) in tokenizer.Merges)
            {
                json.WriteStartArray();
                json.WriteStringValue(left);
                json.WriteStringValue(right);
                json.WriteEndArray();
            }
            json.WriteEndArray();
            json.WriteEndObject();

            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    static void WriteReplace(Utf8JsonWriter json, string pattern, string content)
    {
        json.WriteStartObject();
        json.WriteString("type", "Replace");
        json.WriteStartObject("pattern");
        json.WriteString("String", pattern);
        json.WriteEndObject();
        json.WriteString("content", content);
        json.WriteEndObject();
    }

    public static SubwordTokenizer Read(string path)
    {
        TextLines.CheckReadable(path, "tokenizer file");
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"cannot read tokenizer: {e.Message}", path);
        }
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
                throw Bad(path, "no \"model\" object");
            if (!model.TryGetProperty("type", out var type) || type.GetString() != "BPE")
                throw Bad(path, "model type is not BPE");
            if (!model.TryGetProperty("byte_fallback", out var fallback) || fallback.ValueKind != JsonValueKind.True)
                throw Bad(path, "model has no byte fallback");
            if (!model.TryGetProperty("vocab", out var vocab) || vocab.ValueKind != JsonValueKind.Object)
                throw Bad(path, "model has no \"vocab\" object");

            var byId = new Dictionary<int, string>();
            foreach (var entry in vocab.EnumerateObject())
            {
                int id = entry.Value.GetInt32();
                if (!byId.TryAdd(id, entry.Name)) throw Bad(path, $"id {id} is used twice in the vocabulary");
            }
            var pieces = new string[byId.Count];
            foreach (var (id, piece) in byId)
            {
                if (id < 0 || id >= pieces.Length) throw Bad(path, $"vocabulary ids are not 0..{pieces.Length - 1} (found {id})");
                pieces[id] = piece;
            }

            var merges = new List<(string, string)>();
            if (model.TryGetProperty("merges", out var mergeArray))
                foreach (var merge in mergeArray.EnumerateArray())
                {
                    if (merge.ValueKind == JsonValueKind.Array && merge.GetArrayLength() == 2)
                        merges.Add((merge[0].GetString()!, merge[1].GetString()!));
                    else if (merge.ValueKind == JsonValueKind.String && merge.GetString()!.Split(' ') is [var left, var right])
                        merges.Add((left, right));
                    else throw Bad(path, $"merge {merges.Count} is neither [\"a\", \"b\"] nor \"a b\"");
                }
            return new SubwordTokenizer(pieces, merges);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw Bad(path, e.Message);
        }
    }

    static InputException Bad(string path, string problem) =>
        new($"not a Regurgitate tokenizer.json: {problem}", path, hint: "train one with `regurg tokenizer train`");
}
