using Regurgitate.Diversity;

namespace Regurgitate.Tests.Diversity;

public class DiversityTokenizerTests
{
    [Theory]
    // Punctuation splits off; the apostrophe and an inner hyphen stay (mteval-v13a rules).
    [InlineData("Hello, world!", "Hello|,|world|!")]
    [InlineData("It costs $3.50, isn't it?", "It|costs|$|3.50|,|isn't|it|?")]
    [InlineData("a well-known case", "a|well-known|case")]
    // A dash after a digit is split; a period or comma between digits is not.
    [InlineData("from 2009-2010 to 1,000.5", "from|2009|-|2010|to|1,000.5")]
    [InlineData("End.", "End|.")]
    [InlineData("&quot;Quoted&quot; &amp; more", "\"|Quoted|\"|&|more")]
    [InlineData("(Berlin)", "(|Berlin|)")]
    [InlineData("", "")]
    public void V13a_splits_like_sacrebleu(string text, string expected)
    {
        var tokens = DiversityTokenizer.Create(DiversityTokenization.V13a).Tokenize(text);
        Assert.Equal(expected, string.Join('|', tokens));
    }

    [Fact]
    public void V13a_agrees_with_the_metrics_13a_tokenizer_on_every_wmt17_line()
    {
        // Regurgitate.Metrics.Tokenizers.Tokenizer13a is tested for sacreBLEU parity; ours must split the same.
        var ours = DiversityTokenizer.Create(DiversityTokenization.V13a);
        var metrics = new Regurgitate.Metrics.Tokenizers.Tokenizer13a();
        var files = new[] { TestData.Wmt17("reference.de") }.Concat(TestData.Wmt17SystemFiles);
        int lines = 0;
        foreach (var file in files)
            foreach (var line in Regurgitate.Metrics.SegmentFile.Read(file))
            {
                Assert.Equal(metrics.Tokenize(line).Split(' ', StringSplitOptions.RemoveEmptyEntries), ours.Tokenize(line));
                lines++;
            }
        Assert.Equal(17 * 3004, lines);
    }

    [Fact]
    public void Whitespace_and_none_only_split_on_whitespace()
    {
        foreach (var tokenization in new[] { DiversityTokenization.Whitespace, DiversityTokenization.None })
            Assert.Equal(["Hello,", "world!"], DiversityTokenizer.Create(tokenization).Tokenize("  Hello,\tworld!  "));
    }

    [Fact]
    public void Lowercase_is_applied_and_named_in_the_description()
    {
        var tokenizer = DiversityTokenizer.Create(DiversityTokenization.V13a, lowercase: true);
        Assert.Equal(["die", "straße", "."], tokenizer.Tokenize("Die STRASSE.".Replace("SS", "ß")));
        Assert.Equal("tok:13a|case:lc", tokenizer.Description);
        Assert.Equal("tok:whitespace|case:mixed", DiversityTokenizer.Create(DiversityTokenization.Whitespace).Description);
    }

    [Fact]
    public void Option_names_round_trip()
    {
        foreach (var tokenization in Enum.GetValues<DiversityTokenization>())
            Assert.Equal(tokenization, DiversityTokenizer.Parse(DiversityTokenizer.NameOf(tokenization)));
        Assert.Null(DiversityTokenizer.Parse("intl"));
    }
}
