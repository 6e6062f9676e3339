using System.IO.Compression;
using System.Text;
using static Regurgitate.Tests.InProcessCli;
using Regurgitate.Tokenization;

namespace Regurgitate.Tests.Commands;

public class TokenizerCommandTests : IDisposable
{
    readonly string directory = Directory.CreateTempSubdirectory("regurg-tokenizer-cli").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    static readonly string[] German = ["Ein Mann fährt Fahrrad.", "Zwei Hunde spielen im Schnee.", "Eine Frau liest ein Buch."];
    static readonly string[] English = ["A man rides a bike.", "Two dogs play in the snow.", "A woman reads a book."];

    string WriteCorpus(string name, IEnumerable<string> lines, bool gzip)
    {
        var path = Path.Combine(directory, name);
        var text = Encoding.UTF8.GetBytes(string.Join('\n', Enumerable.Repeat(lines, 20).SelectMany(l => l)) + "\n");
        if (gzip)
        {
            using var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest);
            gz.Write(text);
        }
        else File.WriteAllBytes(path, text);
        return path;
    }

    [Fact]
    public async Task Train_on_plain_and_gzip_files_writes_a_loadable_tokenizer_json()
    {
        var de = WriteCorpus("train.de.gz", German, gzip: true);
        var en = WriteCorpus("train.en", English, gzip: false);
        var output = Path.Combine(directory, "out", "tokenizer.json");
        var (code, stdout, stderr) = await Run("tokenizer", "train", "--input", de, "--input", en, "--vocab-size", "320", "--out", output);
        Assert.True(code == 0, stderr);
        var tokenizer = SubwordTokenizer.Load(output);
        Assert.Equal(320, tokenizer.VocabularySize);
        Assert.Contains($"sha256 {tokenizer.ContentHash}", stdout);
        Assert.Contains("on 120 lines from 2 file(s)", stdout);
        // Same data through the library gives the same file.
        var direct = BpeTrainer.Train(Enumerable.Repeat(German, 20).SelectMany(l => l).Concat(Enumerable.Repeat(English, 20).SelectMany(l => l)),
            new BpeTrainerOptions(VocabularySize: 320));
        Assert.Equal(direct.ContentHash, tokenizer.ContentHash);
    }

    [Fact]
    public async Task Encode_pieces_and_ids_then_decode_gives_the_text_back()
    {
        var corpus = WriteCorpus("train.txt", German.Concat(English), gzip: false);
        var model = Path.Combine(directory, "tokenizer.json");
        Assert.Equal(0, (await Run("tokenizer", "train", "-i", corpus, "--vocab-size", "400", "-o", model)).Code);

        var input = Path.Combine(directory, "input.txt");
        File.WriteAllText(input, "Ein Mann  liest.\n🙂 neu\n");
        var (code, pieces, _) = await Run("tokenizer", "encode", "-t", model, "-i", input);
        Assert.Equal(0, code);
        var lines = pieces.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("▁Ein ▁Mann ▁ ▁", lines[0]);
        Assert.StartsWith("▁ <0xF0> <0x9F> <0x99> <0x82> ▁", lines[1]);

        var (_, ids, _) = await Run("tokenizer", "encode", "-t", model, "-i", input, "--format", "ids");
        var idsFile = Path.Combine(directory, "ids.txt");
        File.WriteAllText(idsFile, ids);
        var (decodeCode, text, _) = await Run("tokenizer", "decode", "-t", model, "-i", idsFile);
        Assert.Equal(0, decodeCode);
        Assert.Equal("Ein Mann  liest.\n🙂 neu\n", text.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Bad_input_exits_2_with_one_line_naming_the_file()
    {
        var missing = Path.Combine(directory, "missing.txt");
        var (code, _, error) = await Run("tokenizer", "train", "-i", missing, "-o", Path.Combine(directory, "t.json"));
        Assert.Equal(2, code);
        Assert.Contains(missing, error);
        Assert.False(File.Exists(Path.Combine(directory, "t.json")));

        var corpus = WriteCorpus("c.txt", English, gzip: false);
        (code, _, error) = await Run("tokenizer", "train", "-i", corpus, "--vocab-size", "100", "-o", Path.Combine(directory, "t.json"));
        Assert.Equal(2, code);
        Assert.Contains("--vocab-size 100 is too small", error);

        var notUtf8 = Path.Combine(directory, "latin1.txt");
        File.WriteAllBytes(notUtf8, [0x61, 0x0A, 0xE4, 0x0A]);
        (code, _, error) = await Run("tokenizer", "train", "-i", notUtf8, "-o", Path.Combine(directory, "t.json"));
        Assert.Equal(2, code);
        Assert.Contains("not valid UTF-8", error);
        Assert.Single(error.Trim().Split('\n'));

        var model = Path.Combine(directory, "tokenizer.json");
        Assert.Equal(0, (await Run("tokenizer", "train", "-i", corpus, "--vocab-size", "280", "-o", model)).Code);
        var ids = Path.Combine(directory, "ids.txt");
        File.WriteAllText(ids, "5 6\n7 abc\n");
        (code, _, error) = await Run("tokenizer", "decode", "-t", model, "-i", ids);
        Assert.Equal(2, code);
        Assert.Contains($"{ids}:2: 'abc' is not an id", error);

        (code, _, error) = await Run("tokenizer", "encode", "-t", corpus, "-i", corpus);
        Assert.Equal(2, code);
        Assert.Contains("not a Regurgitate tokenizer.json", error);
    }
}
