using Regurgitate.Tokenization;

namespace Regurgitate.Tests.Tokenization;

public class SubwordTokenizerTests
{
    [Fact]
    public void Every_multi30k_line_round_trips_exactly()
    {
        var tokenizer = SharedTokenizer.Multi30k8k;
        int checkedLines = 0;
        foreach (var (name, lines) in TokenizationTestData.AllSplits())
        {
            var encoded = tokenizer.EncodeBatch(lines);
            for (int i = 0; i < lines.Length; i++)
            {
                var decoded = tokenizer.Decode(encoded[i]);
                if (decoded != lines[i]) Assert.Fail($"{name}:{i + 1}: '{lines[i]}' came back as '{decoded}'");
                Assert.DoesNotContain(tokenizer.UnkId, encoded[i]);
            }
            checkedLines += lines.Length;
        }
        Assert.True(checkedLines > 60_000, $"only {checkedLines} lines found");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("   ")]
    [InlineData("  two leading, two trailing  ")]
    [InlineData("a\tb\t\tc")]
    [InlineData("line\nbreak\r\n")]
    [InlineData("multiple   inner    spaces")]
    [InlineData("emoji 🙂👩‍👩‍👧 and flags 🇩🇪")]
    [InlineData("CJK 漢字かなカナ 한국어")]
    [InlineData("unseen Ωψ ĳ ß ẞ Ǆ \u00a0nbsp\u200bzwsp")]
    [InlineData("a literal ▁ boundary mark ▁▁ and <0x41> and <s> </s> <unk> <pad>")]
    [InlineData("combining e\u0301 and precomposed \u00e9")]
    public void Edge_cases_round_trip_without_unknowns(string text)
    {
        var tokenizer = SharedTokenizer.Small;
        var ids = tokenizer.Encode(text);
        Assert.Equal(text, tokenizer.Decode(ids));
        Assert.DoesNotContain(tokenizer.UnkId, ids);
        Assert.All(ids, id => Assert.InRange(id, SubwordTokenizer.FirstByteId, tokenizer.VocabularySize - 1));
    }

    [Fact]
    public void Empty_text_has_no_ids()
    {
        Assert.Empty(SharedTokenizer.Small.Encode(""));
        Assert.Equal("", SharedTokenizer.Small.Decode([]));
    }

    [Fact]
    public void Lone_surrogates_are_spelled_as_replacement_character_bytes()
    {
        // Invalid UTF-16 cannot be stored as UTF-8 text; like any UTF-8 pipeline it becomes U+FFFD.
        var tokenizer = SharedTokenizer.Small;
        Assert.Equal("a\uFFFDb", tokenizer.Decode(tokenizer.Encode("a\uD800b")));
    }

    [Fact]
    public void Unseen_characters_use_byte_pieces()
    {
        var tokenizer = SharedTokenizer.Small;
        Assert.Equal(["▁", "<0xF0>", "<0x9F>", "<0x99>", "<0x82>"], tokenizer.Tokenize("🙂"));
    }

    [Fact]
    public void Specials_have_the_fixed_ids_and_are_skipped_when_decoding()
    {
        var tokenizer = SharedTokenizer.Small;
        Assert.Equal((0, 1, 2, 3), (tokenizer.PadId, tokenizer.BosId, tokenizer.EosId, tokenizer.UnkId));
        Assert.Equal(["<pad>", "<s>", "</s>", "<unk>"], tokenizer.Pieces.Take(4));
        var ids = tokenizer.Encode("A dog runs.");
        int[] framed = [tokenizer.BosId, .. ids, tokenizer.EosId, tokenizer.PadId, tokenizer.PadId];
        Assert.Equal("A dog runs.", tokenizer.Decode(framed));
        // Specials in the text are ordinary characters, not control ids.
        Assert.DoesNotContain(tokenizer.BosId, tokenizer.Encode("<s>"));
    }

    [Fact]
    public void Decoding_model_output_that_starts_mid_word_keeps_its_first_character()
    {
        var tokenizer = SharedTokenizer.Small;
        int s = tokenizer.PieceToId("s")!.Value;
        Assert.Equal("s", tokenizer.Decode([s]));
        Assert.Throws<ArgumentOutOfRangeException>(() => tokenizer.Decode([tokenizer.VocabularySize]));
    }

    [Fact]
    public void Invalid_byte_sequences_decode_to_replacement_character()
    {
        var tokenizer = SharedTokenizer.Small;
        Assert.Equal("\uFFFD", tokenizer.Decode([SubwordTokenizer.FirstByteId + 0xF0]));
    }

    [Fact]
    public void Encode_batch_matches_one_by_one_encoding()
    {
        var tokenizer = BpeTrainer.Train(SharedTokenizer.SmallCorpus, new BpeTrainerOptions(VocabularySize: 700));
        var lines = TestData.Multi30k("val", "de");
        var batch = tokenizer.EncodeBatch(lines);
        var fresh = BpeTrainer.Train(SharedTokenizer.SmallCorpus, new BpeTrainerOptions(VocabularySize: 700));
        for (int i = 0; i < lines.Length; i++) Assert.Equal(fresh.EncodeToArray(lines[i]), batch[i]);
    }

    [Fact]
    public void Merges_apply_lowest_rank_first()
    {
        // Merges: (b,c) before (a,b), so "abc" is a + bc even though a,b come first in the text.
        string[] pieces = [.. SubwordTokenizer.ReservedPieces(), "a", "b", "c", "bc", "ab"];
        var tokenizer = new SubwordTokenizer(pieces, [("b", "c"), ("a", "b")]);
        Assert.Equal(["▁", "a", "bc"], tokenizer.Tokenize("abc"));
        Assert.Equal(["▁", "ab", "a"], tokenizer.Tokenize("aba"));
    }

    [Fact]
    public void Vocabulary_that_breaks_the_reserved_layout_is_rejected()
    {
        string[] pieces = ["<pad>", "<s>", "</s>", "<unk>", "a"];
        Assert.Throws<ArgumentException>(() => new SubwordTokenizer(pieces, []));
        string[] valid = [.. SubwordTokenizer.ReservedPieces(), "a"];
        Assert.Throws<ArgumentException>(() => new SubwordTokenizer(valid, [("a", "b")]));
    }
}
