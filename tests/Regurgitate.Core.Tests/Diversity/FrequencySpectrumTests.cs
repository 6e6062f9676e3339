using Regurgitate.Diversity;

namespace Regurgitate.Tests.Diversity;

public class FrequencySpectrumTests
{
    // "a a b c": N = 4, V = 3, frequencies a:2, b:1, c:1, so V(1) = 2 and V(2) = 1.
    static readonly FrequencySpectrum Aabc = FrequencySpectrum.FromTokens(["a", "a", "b", "c"]);

    [Fact]
    public void Counts_of_a_small_text()
    {
        Assert.Equal(4, Aabc.Tokens);
        Assert.Equal(3, Aabc.Types);
        Assert.Equal(2, Aabc.Hapaxes);
    }

    [Fact]
    public void Ttr_root_ttr_and_hapax_ratio_by_hand()
    {
        Assert.Equal(0.75, Aabc.TypeTokenRatio, 12);      // 3/4
        Assert.Equal(1.5, Aabc.RootTypeTokenRatio, 12);   // 3/√4
        Assert.Equal(2.0 / 3, Aabc.HapaxRatio, 12);       // V(1)/V = 2/3
    }

    [Fact]
    public void Yules_k_by_hand()
    {
        // M1 = N = 4; M2 = Σ m²V(m) = 1²·2 + 2²·1 = 6; K = 10⁴ (6 − 4) / 4² = 1250.
        Assert.Equal(1250, Aabc.YulesK, 9);
        // All tokens distinct: M2 = M1, K = 0.
        Assert.Equal(0, FrequencySpectrum.FromTokens(["a", "b", "c"]).YulesK, 12);
    }

    [Fact]
    public void Entropy_by_hand()
    {
        // p = 1/2, 1/4, 1/4: H = ½·1 + ¼·2 + ¼·2 = 1.5 bits.
        Assert.Equal(1.5, Aabc.Entropy, 12);
        Assert.Equal(0, FrequencySpectrum.FromTokens(["x", "x", "x"]).Entropy, 12);
        Assert.Equal(3, FrequencySpectrum.FromTokens(["a", "b", "c", "d", "e", "f", "g", "h"]).Entropy, 12);
    }

    [Fact]
    public void Hdd_by_hand_with_a_two_token_sample()
    {
        // N = 4, sample n = 2: C(4,2) = 6 samples.
        // a (m = 2): absent from C(2,2) = 1 of them → present with probability 5/6.
        // b, c (m = 1): absent from C(3,2) = 3 → present with probability 1/2 each.
        // HD-D = (5/6 + 1/2 + 1/2) / 2 = 11/12.
        Assert.Equal(11.0 / 12, Aabc.Hdd(sampleSize: 2), 12);
    }

    [Fact]
    public void Hdd_with_the_whole_text_as_sample_is_the_ttr()
    {
        // Drawing all N tokens sees every type surely: HD-D = V/N.
        Assert.Equal(0.75, Aabc.Hdd(sampleSize: 4), 12);
    }

    [Fact]
    public void Hdd_of_a_text_shorter_than_the_sample_is_undefined()
    {
        Assert.True(double.IsNaN(Aabc.Hdd(sampleSize: 5)));
        Assert.True(double.IsNaN(Aabc.Hdd()));
    }

    [Fact]
    public void Empty_text_gives_nan_ratios_not_zero()
    {
        var empty = FrequencySpectrum.FromTokens([]);
        Assert.Equal(0, empty.Types);
        Assert.True(double.IsNaN(empty.TypeTokenRatio));
        Assert.True(double.IsNaN(empty.RootTypeTokenRatio));
        Assert.True(double.IsNaN(empty.YulesK));
        Assert.True(double.IsNaN(empty.Entropy));
        Assert.True(double.IsNaN(empty.HapaxRatio));
    }
}
