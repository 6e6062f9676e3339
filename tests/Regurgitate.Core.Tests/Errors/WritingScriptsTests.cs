using System.Text;
using Regurgitate.Errors;

namespace Regurgitate.Tests.Errors;

public class WritingScriptsTests
{
    [Theory]
    [InlineData("a", WritingScript.Latin)]
    [InlineData("ß", WritingScript.Latin)]
    [InlineData("É", WritingScript.Latin)]
    [InlineData("ř", WritingScript.Latin)]
    [InlineData("Ж", WritingScript.Cyrillic)]
    [InlineData("α", WritingScript.Greek)]
    [InlineData("中", WritingScript.Han)]
    [InlineData("あ", WritingScript.Hiragana)]
    [InlineData("カ", WritingScript.Katakana)]
    [InlineData("한", WritingScript.Hangul)]
    [InlineData("ש", WritingScript.Hebrew)]
    [InlineData("ب", WritingScript.Arabic)]
    [InlineData("क", WritingScript.Devanagari)]
    [InlineData("𠀀", WritingScript.Han)]
    public void Letters_get_their_script(string letter, WritingScript script)
    {
        Assert.Equal(script, WritingScripts.Of(Rune.GetRuneAt(letter, 0)));
    }

    [Theory]
    [InlineData("5")]
    [InlineData(",")]
    [InlineData("€")]
    [InlineData(" ")]
    [InlineData("µ")]
    public void Non_letters_are_script_neutral(string character)
    {
        Assert.Null(WritingScripts.Of(Rune.GetRuneAt(character, 0)));
    }

    [Fact]
    public void Languages_map_to_their_scripts()
    {
        Assert.Equal([WritingScript.Latin], TargetScripts.For("de")!);
        Assert.Equal([WritingScript.Latin], TargetScripts.For("deu")!);
        Assert.Equal([WritingScript.Latin], TargetScripts.For("pt-BR")!);
        Assert.Equal([WritingScript.Cyrillic], TargetScripts.For("ru")!);
        Assert.True(TargetScripts.For("sr")!.SetEquals([WritingScript.Latin, WritingScript.Cyrillic]));
        Assert.True(TargetScripts.For("ja")!.SetEquals([WritingScript.Han, WritingScript.Hiragana, WritingScript.Katakana]));
        Assert.Null(TargetScripts.For("xx"));
        Assert.Equal(WritingScript.Cyrillic, WritingScripts.Parse(" cyrillic"));
        Assert.Null(WritingScripts.Parse("Klingon"));
    }
}
