using Regurgitate.Tokenization;

namespace Regurgitate.Tests.Tokenization;

/// <summary>Our tokenizer.json in the real Hugging Face tokenizers library (Rust, via Tokenizers.DotNet).</summary>
public class HuggingFaceCompatibilityTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("regurg-hf-tests").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void Hugging_face_loads_our_file_and_encodes_and_decodes_every_multi30k_line_identically()
    {
        var ours = SharedTokenizer.Multi30k8k;
        var path = Path.Combine(directory, "tokenizer.json");
        ours.Save(path);
        using var theirs = new Tokenizers.DotNet.Tokenizer(path);
        int lines = 0;
        foreach (var (name, text) in TokenizationTestData.AllSplits())
        {
            var expected = ours.EncodeBatch(text);
            for (int i = 0; i < text.Length; i++)
            {
                var ids = theirs.Encode(text[i]);
                if (!ids.Select(id => (int)id).SequenceEqual(expected[i]))
                    Assert.Fail($"{name}:{i + 1}: Hugging Face gives {string.Join(' ', ids)}, we give {string.Join(' ', expected[i])}");
                Assert.Equal(text[i], theirs.Decode(ids));
                lines++;
            }
        }
        Assert.True(lines > 60_000);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  two leading, two trailing  ")]
    [InlineData("a\tb  c")]
    [InlineData("emoji 🙂 CJK 漢字 unseen Ωψ")]
    public void Hugging_face_agrees_on_edge_cases(string text)
    {
        var ours = SharedTokenizer.Small;
        var path = Path.Combine(directory, "small.json");
        ours.Save(path);
        using var theirs = new Tokenizers.DotNet.Tokenizer(path);
        var ids = theirs.Encode(text);
        Assert.Equal(ours.EncodeToArray(text), ids.Select(id => (int)id));
        Assert.Equal(text, theirs.Decode(ids));
    }
}
