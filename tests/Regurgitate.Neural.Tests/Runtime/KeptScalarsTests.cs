using Regurgitate.Runtime;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Runtime;

public class KeptScalarsTests
{
    [Fact]
    public void Operations_with_numbers_survive_collections_during_native_calls()
    {
        // A thread that collects and finalizes without pause: a Scalar left to the finalizer would be
        // freed while libtorch reads it, and an operation would fail or compute garbage.
        using var a = ones(64);
        using var b = ones(64);
        using var twos = full(64, 2.0);
        bool stop = false;
        var collector = new Thread(() =>
        {
            while (!Volatile.Read(ref stop))
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            for (int i = 0; i < 20_000; i++)
            {
                using var scope = NewDisposeScope();
                var c = a.Plus(b).Times(0.5).MaskedFill(twos.EqualTo(2), -1.0).DividedBy(-2.0);
                Assert.Equal(0.5f * 64, c.sum().item<float>());
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            collector.Join();
        }
    }

    [Fact]
    public void Helpers_compute_what_their_names_say()
    {
        using var x = tensor(new float[] { 1, 2, 3, 4 });
        using var y = tensor(new float[] { 4, 3, 2, 1 });
        Assert.Equal(new float[] { 5, 5, 5, 5 }, x.Plus(y).data<float>().ToArray());
        Assert.Equal(new float[] { -3, -1, 1, 3 }, x.Minus(y).data<float>().ToArray());
        Assert.Equal(new float[] { 2, 4, 6, 8 }, x.Times(2).data<float>().ToArray());
        Assert.Equal(new float[] { 0.5f, 1, 1.5f, 2 }, x.DividedBy(2).data<float>().ToArray());
        Assert.Equal(new[] { false, true, false, false }, x.EqualTo(2).data<bool>().ToArray());
        Assert.Equal(new[] { true, false, true, true }, x.NotEqualTo(2).data<bool>().ToArray());
        Assert.Equal(new[] { false, false, true, true }, x.AtLeast(3).data<bool>().ToArray());
        Assert.Equal(new float[] { 1, -9, 3, 4 }, x.MaskedFill(x.EqualTo(2), -9).data<float>().ToArray());
        Assert.Equal(new long[] { 2, 5, 8 }, KeptScalars.Range(2, 10, 3, ScalarType.Int64, CPU).data<long>().ToArray());
        Assert.Equal(new long[] { 7, 7 }, KeptScalars.Filled([2], 7, ScalarType.Int64, CPU).data<long>().ToArray());
        using var z = zeros(3);
        Assert.Equal(new float[] { 6, 6, 6 }, z.FillInPlace(3).TimesInPlace(4).DivideInPlace(2).data<float>().ToArray());
    }
}
