using Regurgitate.Modeling;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Modeling;

public class SeededDropoutTests
{
    static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

    [Theory]
    [InlineData(ScalarType.Float32)]
    [InlineData(ScalarType.BFloat16)]
    public void Masks_drop_the_asked_fraction_and_rescale_the_rest(ScalarType type)
    {
        var dropout = new SeededDropout(7);
        using var x = ones(1000, 1001, dtype: type); // odd size: the last hash block is partial
        using var y = dropout.Apply(x, 0.3, training: true);
        using var values = y.to(ScalarType.Float32);
        double dropped = values.eq(0).sum().item<long>() / (double)x.numel();
        Assert.InRange(dropped, 0.297, 0.303);
        using var kept = values.masked_select(values.ne(0));
        Assert.Equal(1 / 0.7, kept.min().item<float>(), type == ScalarType.BFloat16 ? 2 : 5);
        Assert.Equal(kept.min().item<float>(), kept.max().item<float>());
    }

    [Fact]
    public void Restored_state_redraws_the_same_masks_and_the_stream_moves_on()
    {
        var dropout = new SeededDropout(11);
        using var x = ones(300, 300);
        using var first = dropout.Apply(x, 0.1, training: true);
        var state = dropout.State;
        using var second = dropout.Apply(x, 0.1, training: true);
        Assert.False(Same(second, first));

        var resumed = new SeededDropout(999);
        resumed.Restore(state);
        using var again = resumed.Apply(x, 0.1, training: true);
        Assert.True(Same(again, second));
    }

    [Fact]
    public void Masks_drawn_in_parallel_equal_masks_drawn_serially()
    {
        // 2^18 elements are filled by four parallel tasks, 2^16 by one: element i's fate depends on
        // (seed, draw, i) only, so the first task's share must equal the serial mask.
        using var wide = ones(1 << 18);
        using var narrow = ones(1 << 16);
        using var parallel = new SeededDropout(5).Apply(wide, 0.5, training: true);
        using var serial = new SeededDropout(5).Apply(narrow, 0.5, training: true);
        Assert.True(Same(parallel.narrow(0, 0, 1 << 16), serial));
        Assert.False(Same(parallel.narrow(0, 1 << 16, 1 << 16), serial));
        Assert.InRange(parallel.eq(0).sum().item<long>() / (double)wide.numel(), 0.49, 0.51);
    }

    [Fact]
    public void Evaluation_and_zero_probability_leave_values_alone()
    {
        var dropout = new SeededDropout(1);
        using var x = randn(10, 10);
        using var eval = dropout.Apply(x, 0.5, training: false);
        using var none = dropout.Apply(x, 0.0, training: true);
        Assert.True(Same(eval, x));
        Assert.True(Same(none, x));
    }

    [Fact]
    public void A_state_of_the_wrong_size_is_refused_with_the_file_named()
    {
        var error = Assert.Throws<Regurgitate.InputException>(() => new SeededDropout(1).Restore(new byte[5056], "run/checkpoints/update-00000010/dropout-rng.bin"));
        Assert.Contains("dropout-rng.bin", error.Message);
        Assert.Contains("5056 bytes", error.Message);
    }
}
