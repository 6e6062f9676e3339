using Regurgitate.Diversity;

namespace Regurgitate.Tests.Diversity;

public class MattrTests
{
    static readonly string[] Abac = ["a", "b", "a", "c"];

    [Fact]
    public void Window_of_two_by_hand()
    {
        // Windows "a b", "b a", "a c": TTR 1 each, MATTR 1.
        Assert.Equal(1, Mattr.Compute(Abac, window: 2), 12);
    }

    [Fact]
    public void Window_of_three_by_hand()
    {
        // Windows "a b a" (2/3) and "b a c" (3/3): MATTR = (2/3 + 1) / 2 = 5/6.
        Assert.Equal(5.0 / 6, Mattr.Compute(Abac, window: 3), 12);
    }

    [Fact]
    public void Window_of_one_is_always_one()
    {
        Assert.Equal(1, Mattr.Compute(Abac, window: 1), 12);
    }

    [Fact]
    public void Text_shorter_than_the_window_gives_its_ttr()
    {
        // One window, the text itself: 3 types / 4 tokens.
        Assert.Equal(0.75, Mattr.Compute(Abac, window: 50), 12);
        Assert.Equal(0.75, Mattr.Compute(Abac, window: 4), 12);
    }

    [Fact]
    public void Empty_text_is_undefined()
    {
        Assert.True(double.IsNaN(Mattr.Compute([], window: 3)));
    }

    [Fact]
    public void Matches_a_direct_average_of_window_ttrs_on_real_text()
    {
        var tokenizer = DiversityTokenizer.Create();
        var tokens = File.ReadLines(TestData.Wmt17("reference.de")).Take(40).SelectMany(tokenizer.Tokenize).ToList();
        const int window = 50;
        double sum = 0;
        for (int i = 0; i + window <= tokens.Count; i++) sum += (double)tokens.Skip(i).Take(window).Distinct().Count() / window;
        double direct = sum / (tokens.Count - window + 1);
        Assert.Equal(direct, Mattr.Compute(tokens, window), 12);
    }
}
