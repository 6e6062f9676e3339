using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Runtime;

/// <summary>
/// Tensor operations with numbers, each holding its native <see cref="Scalar"/> alive until libtorch has read it.
/// TorchSharp turns numbers (and the implicit alpha = 1 of <c>a + b</c>) into Scalars that only the finalizer
/// frees, and hands libtorch their raw handle: once the handle is read the Scalar is garbage, and a collection
/// during the native call can free it mid-use. A training run died that way after 12 minutes ("toFloat:
/// Expected false to be true" inside an add). Every number the engine passes to libtorch goes through here.
/// </summary>
internal static class KeptScalars
{
    // Static, hence never collected.
    static readonly Scalar One = 1;

    /// <summary>a + b.</summary>
    public static Tensor Plus(this Tensor a, Tensor b) => a.add(b, One);

    /// <summary>a - b (TorchSharp's sub passes no alpha, so no Scalar is involved).</summary>
    public static Tensor Minus(this Tensor a, Tensor b) => a.sub(b);

    /// <summary>a · value.</summary>
    public static Tensor Times(this Tensor a, double value) => With(value, s => a.mul(s));

    /// <summary>a ·= value.</summary>
    public static Tensor TimesInPlace(this Tensor a, double value) => With(value, s => a.mul_(s));

    /// <summary>a / value.</summary>
    public static Tensor DividedBy(this Tensor a, double value) => With(value, s => a.div(s));

    /// <summary>a /= value.</summary>
    public static Tensor DivideInPlace(this Tensor a, double value) => With(value, s => a.div_(s));

    /// <summary>a with <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor MaskedFill(this Tensor a, Tensor mask, double value) => With(value, s => a.masked_fill(mask, s));

    /// <summary>In place: <paramref name="value"/> where <paramref name="mask"/> is true.</summary>
    public static Tensor MaskedFillInPlace(this Tensor a, Tensor mask, double value) => With(value, s => a.masked_fill_(mask, s));

    /// <summary>max(a, value), elementwise; an integer <paramref name="value"/> keeps integer tensors integer.</summary>
    public static Tensor AtLeastValue(this Tensor a, long value) => With(value, s => a.clamp_min(s));

    /// <summary>Sets every element to <paramref name="value"/>.</summary>
    public static Tensor FillInPlace(this Tensor a, double value) => With(value, s => a.fill_(s));

    /// <summary>a == value, elementwise.</summary>
    public static Tensor EqualTo(this Tensor a, long value) => With(value, s => a.eq(s));

    /// <summary>a != value, elementwise.</summary>
    public static Tensor NotEqualTo(this Tensor a, long value) => With(value, s => a.ne(s));

    /// <summary>a >= value, elementwise.</summary>
    public static Tensor AtLeast(this Tensor a, double value) => With(value, s => a.ge(s));

    /// <summary>In place: 1 where a >= value, else 0 (a keeps its type).</summary>
    public static Tensor AtLeastInPlace(this Tensor a, double value) => With(value, s => a.ge_(s));

    /// <summary>A tensor of <paramref name="shape"/> filled with <paramref name="value"/>.</summary>
    public static Tensor Filled(long[] shape, double value, ScalarType type, Device device) =>
        With(value, s => full(shape, s, dtype: type, device: device));

    /// <summary>A tensor like <paramref name="a"/> filled with <paramref name="value"/>.</summary>
    public static Tensor FilledLike(Tensor a, double value) => With(value, s => full_like(a, s));

    /// <summary>start, start + step, ... below <paramref name="stop"/>.</summary>
    public static Tensor Range(long start, long stop, long step, ScalarType type, Device device)
    {
        using Scalar first = start, end = stop, increment = step;
        return arange(first, end, increment, dtype: type, device: device);
    }

    // The using keeps the Scalar reachable until the operation has returned, then frees it at once.
    static Tensor With(Scalar scalar, Func<Scalar, Tensor> operation)
    {
        using (scalar) return operation(scalar);
    }
}
