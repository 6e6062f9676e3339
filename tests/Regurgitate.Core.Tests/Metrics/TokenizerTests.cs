using Regurgitate.Metrics.Tokenizers;

namespace Regurgitate.Tests.Metrics;

/// <summary>Tokenizer outputs pinned from sacreBLEU's own regular expressions run in Python 3.11.</summary>
public class TokenizerTests
{
    [Theory]
    [InlineData("&quot;Hello&quot; &amp;amp; world &lt;b&gt; <skipped> costs $3.50, i.e. 1,000-2 items.",
        "\" Hello \" & amp ; world < b > costs $ 3.50 , i . e . 1,000 - 2 items .")]
    [InlineData("It's 9.5-10 km/h (approx.)...", "It's 9.5 - 10 km / h ( approx . ) . . .")]
    [InlineData("Nr.1,2.Ende", "Nr . 1,2 . Ende")]
    [InlineData("x.,y ,.z 3.-4", "x . , y , . z 3 . -4")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Tokenizer13a_matches_mteval_v13a(string input, string expected) =>
        Assert.Equal(expected, new Tokenizer13a().Tokenize(input));

    [Theory]
    [InlineData("«Zitat», sagte er — 3,5 % mehr… Preis: 5€ (ca.)!", "« Zitat » , sagte er — 3,5 % mehr … Preis : 5 € ( ca . ) !")]
    [InlineData("Emoji 😀ok, 1.000.000 und 2.5.", "Emoji 😀 ok , 1.000.000 und 2.5.")]
    [InlineData("Ünïcödé: „Anführung“ ‚einfach‘ ¿Qué? ¡Sí!", "Ünïcödé : „ Anführung “ ‚ einfach ‘ ¿ Qué ? ¡ Sí !")]
    [InlineData("a.b,c 1,5 x-y", "a . b , c 1,5 x - y")]
    public void TokenizerIntl_splits_unicode_punctuation_and_symbols(string input, string expected) =>
        Assert.Equal(expected, new TokenizerIntl().Tokenize(input));

    [Fact]
    public void TokenizerChar_splits_code_points_and_drops_whitespace()
    {
        Assert.Equal("a b 😀 c", new TokenizerChar().Tokenize("ab 😀\tc"));
        Assert.Equal("a b", new TokenizerNone().Tokenize("a b"));
    }

    [Theory]
    [InlineData("13a"), InlineData("intl"), InlineData("none"), InlineData("char")]
    public void Every_named_tokenizer_reports_its_name_in_the_signature(string name) =>
        Assert.Equal(name, Tokenizer.Create(name).Signature);

    [Fact]
    public void Unknown_tokenizer_is_rejected() => Assert.Throws<ArgumentException>(() => Tokenizer.Create("moses"));

    [Fact]
    public void Tercom_tokenizer_lowercases_and_optionally_normalizes_and_strips_punctuation()
    {
        Assert.Equal("hello, world!", new TercomTokenizer().Tokenize("Hello,   World! "));
        Assert.Equal("Hello, World!", new TercomTokenizer(caseSensitive: true).Tokenize("Hello, World!"));
        Assert.Equal("john 's car , 3.5 km .", new TercomTokenizer(normalized: true).Tokenize("John's car, 3.5 km."));
        Assert.Equal("hello world", new TercomTokenizer(noPunct: true).Tokenize("Hello, (world)!"));
        Assert.Equal("日 本 語 です", new TercomTokenizer(normalized: true, asianSupport: true).Tokenize("日本語です"));
    }

    [Fact]
    public void Python_whitespace_and_lowercasing_semantics()
    {
        Assert.Equal(["a", "b", "c", "d"], PythonText.Split("a\u00A0b\u2003c\u001Fd"));
        Assert.Equal(["a\u200Bb"], PythonText.Split(" a\u200Bb "));
        Assert.Equal("x", PythonText.RStrip("x \t\u3000"));
        Assert.Equal("i\u0307stanbul", PythonText.Lower("İSTANBUL"));
        Assert.Equal("οδος σοφος", PythonText.Lower("ΟΔΟΣ ΣΟΦΟΣ"));
        Assert.Equal("straße", PythonText.Lower("STRAßE"));
    }
}
