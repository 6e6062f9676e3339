using System.Text;
using System.Text.Json;
using Regurgitate.Tokenization;

namespace Regurgitate.Tests.Tokenization;

public class HuggingFaceTokenizerJsonTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("regurg-tokenizer-tests").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Save_then_load_gives_the_same_tokenizer()
    {
        var tokenizer = SharedTokenizer.Small;
        var path = Path.Combine(directory, "tokenizer.json");
        tokenizer.Save(path);
        var loaded = SubwordTokenizer.Load(path);
        Assert.Equal(tokenizer.Pieces, loaded.Pieces);
        Assert.Equal(tokenizer.Merges, loaded.Merges);
        Assert.Equal(tokenizer.ContentHash, loaded.ContentHash);
        Assert.Equal(File.ReadAllBytes(path), loaded.ToJsonBytes().ToArray());
        foreach (var line in TestData.Multi30k("val", "en"))
            Assert.Equal(tokenizer.EncodeToArray(line), loaded.EncodeToArray(line));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path))), loaded.ContentHash);
        Assert.Single(Directory.GetFiles(directory)); // no temporary left behind
    }

    [Fact]
    public void Tokenizer_json_has_the_hugging_face_fields()
    {
        var tokenizer = SharedTokenizer.Small;
        using var document = JsonDocument.Parse(tokenizer.ToJsonBytes().ToArray());
        var root = document.RootElement;
        Assert.Equal("1.0", root.GetProperty("version").GetString());

        var added = root.GetProperty("added_tokens").EnumerateArray().ToArray();
        Assert.Equal(["<pad>", "<s>", "</s>", "<unk>"], added.Select(t => t.GetProperty("content").GetString()));
        Assert.Equal([0, 1, 2, 3], added.Select(t => t.GetProperty("id").GetInt32()));
        Assert.All(added, t => Assert.True(t.GetProperty("special").GetBoolean()));

        var normalizers = root.GetProperty("normalizer").GetProperty("normalizers").EnumerateArray().ToArray();
        Assert.Equal("Prepend", normalizers[0].GetProperty("type").GetString());
        Assert.Equal("▁", normalizers[0].GetProperty("prepend").GetString());
        Assert.Equal("Replace", normalizers[1].GetProperty("type").GetString());

        var pre = root.GetProperty("pre_tokenizer");
        Assert.Equal("Metaspace", pre.GetProperty("type").GetString());
        Assert.Equal("▁", pre.GetProperty("replacement").GetString());

        var decoders = root.GetProperty("decoder").GetProperty("decoders").EnumerateArray().Select(d => d.GetProperty("type").GetString());
        Assert.Equal(["Replace", "ByteFallback", "Fuse", "Strip"], decoders);

        var model = root.GetProperty("model");
        Assert.Equal("BPE", model.GetProperty("type").GetString());
        Assert.True(model.GetProperty("byte_fallback").GetBoolean());
        Assert.Equal("<unk>", model.GetProperty("unk_token").GetString());
        var vocab = model.GetProperty("vocab").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
        Assert.Equal(tokenizer.VocabularySize, vocab.Count);
        Assert.Equal(4 + 0x41, vocab["<0x41>"]);
        Assert.Equal(260, vocab["▁"]);
        var merges = model.GetProperty("merges").EnumerateArray().ToArray();
        Assert.Equal(tokenizer.Merges.Count, merges.Length);
        // Every merge joins two vocabulary pieces into a third.
        Assert.All(merges, m => Assert.Contains(m[0].GetString() + m[1].GetString(), vocab.Keys));
    }

    [Fact]
    public void Non_ascii_pieces_are_written_unescaped()
    {
        var text = Encoding.UTF8.GetString(SharedTokenizer.Small.ToJsonBytes());
        Assert.Contains("\"▁", text);
        Assert.DoesNotContain("\\u2581", text);
    }

    [Fact]
    public void Loading_a_broken_file_names_the_file()
    {
        var path = Path.Combine(directory, "broken.json");
        File.WriteAllText(path, "{\"model\": {\"type\": \"WordPiece\"}}");
        var error = Assert.Throws<InputException>(() => SubwordTokenizer.Load(path));
        Assert.Equal(path, error.File);
        Assert.Contains("BPE", error.Message);

        File.WriteAllText(path, "{ not json");
        Assert.Throws<InputException>(() => SubwordTokenizer.Load(path));
        Assert.Throws<InputException>(() => SubwordTokenizer.Load(Path.Combine(directory, "missing.json")));
    }

    [Fact]
    public void Merges_in_the_older_string_form_load_too()
    {
        var tokenizer = SharedTokenizer.Small;
        var path = Path.Combine(directory, "old.json");
        using (var document = JsonDocument.Parse(tokenizer.ToJsonBytes().ToArray()))
        {
            var text = Encoding.UTF8.GetString(tokenizer.ToJsonBytes());
            var pairs = tokenizer.Merges.Select(m => JsonSerializer.Serialize(new[] { m.Left, m.Right }, new JsonSerializerOptions { WriteIndented = false }));
            // Rewrite the merges array as "a b" strings.
            var model = JsonNodeOf(text);
            var mergesNode = new System.Text.Json.Nodes.JsonArray(tokenizer.Merges.Select(m => (System.Text.Json.Nodes.JsonNode)$"{m.Left} {m.Right}").ToArray());
            model["model"]!["merges"] = mergesNode;
            File.WriteAllText(path, model.ToJsonString());
        }
        var loaded = SubwordTokenizer.Load(path);
        Assert.Equal(tokenizer.ContentHash, loaded.ContentHash);
    }

    static System.Text.Json.Nodes.JsonNode JsonNodeOf(string text) => System.Text.Json.Nodes.JsonNode.Parse(text)!;
}
