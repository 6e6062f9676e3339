using Regurgitate.Runtime;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Regurgitate.Modeling;

/// <summary>
/// Dropout whose masks come from a counter-based generator owned by the model, not libtorch's global one:
/// mask number n is a pure function of (seed, n), so saving and restoring <see cref="State"/> makes a resumed
/// run draw exactly the masks an uninterrupted run would have drawn, whatever the thread count.
/// On the CPU the mask is written in parallel from SplitMix64 hashes, 16 bits per element, so the drop
/// probability is rounded to a multiple of 1/65536; libtorch's generators are serial and drew the masks
/// more slowly than the model computed its forward pass.
/// </summary>
public sealed class SeededDropout
{
    const int StateBytes = 16;
    const int ElementsPerTask = 1 << 16;
    ulong seed;
    ulong masksDrawn;

    /// <summary>Starts the stream of masks of <paramref name="seed"/>.</summary>
    public SeededDropout(long seed) => this.seed = (ulong)seed;

    /// <summary>Zeroes each element with probability <paramref name="p"/> and rescales the rest by 1/(1-p), when training.</summary>
    public Tensor Apply(Tensor x, double p, bool training)
    {
        if (!training || p <= 0) return x.alias();
        ulong key = Mix(seed ^ Mix(++masksDrawn));
        using var mask = Mask(x, p, key);
        return x.mul(mask);
    }

    /// <summary>A tensor shaped like <paramref name="x"/> holding 0 (dropped) or 1/(1-p) (kept).</summary>
    static Tensor Mask(Tensor x, double p, ulong key)
    {
        uint threshold = (uint)Math.Round(p * 65536);
        double scale = 1 / (1 - p);
        if (x.device_type != DeviceType.CPU || x.dtype is not (ScalarType.Float32 or ScalarType.BFloat16)
            || x.numel() * x.ElementSize > int.MaxValue)
        {
            // Other devices and types: libtorch's generator, seeded from the same (seed, n).
            using var generator = new Generator(key & long.MaxValue, x.device);
            using var keep = rand(x.shape, dtype: x.dtype, device: x.device, generator: generator).AtLeastInPlace(threshold / 65536.0);
            return keep.TimesInPlace(scale);
        }
        var mask = empty(x.shape, dtype: x.dtype);
        long count = mask.numel();
        bool bfloat = x.dtype == ScalarType.BFloat16;
        float kept = (float)scale;
        ushort keptBits = BFloat16Bits(kept);
        void Fill(long first)
        {
            int length = (int)Math.Min(ElementsPerTask, count - first);
            var bytes = mask.bytes;
            if (bfloat) FillBits(MemoryMarshal.Cast<byte, ushort>(bytes).Slice((int)first, length), first, key, threshold, keptBits);
            else FillBits(MemoryMarshal.Cast<byte, float>(bytes).Slice((int)first, length), first, key, threshold, kept);
        }
        long tasks = (count + ElementsPerTask - 1) / ElementsPerTask;
        if (tasks == 1) Fill(0);
        else Parallel.For(0, tasks, task => Fill(task * ElementsPerTask));
        return mask;
    }

    /// <summary>Element i keeps its value when bits 16(i mod 4)..+15 of hash(key, i / 4) reach the threshold.</summary>
    static void FillBits<T>(Span<T> destination, long first, ulong key, uint threshold, T kept) where T : struct
    {
        T dropped = default;
        ulong block = (ulong)first >> 2;
        int i = 0;
        for (; i + 4 <= destination.Length; i += 4, block++)
        {
            ulong bits = Mix(key + block * Golden);
            destination[i] = (bits & 0xFFFF) >= threshold ? kept : dropped;
            destination[i + 1] = ((bits >> 16) & 0xFFFF) >= threshold ? kept : dropped;
            destination[i + 2] = ((bits >> 32) & 0xFFFF) >= threshold ? kept : dropped;
            destination[i + 3] = (bits >> 48) >= threshold ? kept : dropped;
        }
        if (i < destination.Length)
        {
            ulong bits = Mix(key + block * Golden);
            for (int shift = 0; i < destination.Length; i++, shift += 16)
                destination[i] = ((bits >> shift) & 0xFFFF) >= threshold ? kept : dropped;
        }
    }

    const ulong Golden = 0x9E3779B97F4A7C15;

    /// <summary>SplitMix64's output function (Steele, Lea and Flood 2014).</summary>
    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }

    /// <summary>The bfloat16 nearest to <paramref name="value"/> (round to nearest even).</summary>
    static ushort BFloat16Bits(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        return (ushort)((bits + 0x7FFF + ((bits >> 16) & 1)) >> 16);
    }

    /// <summary>The generator state (seed and masks drawn so far), for checkpoints.</summary>
    public byte[] State
    {
        get
        {
            var state = new byte[StateBytes];
            BinaryPrimitives.WriteUInt64LittleEndian(state, seed);
            BinaryPrimitives.WriteUInt64LittleEndian(state.AsSpan(8), masksDrawn);
            return state;
        }
    }

    /// <summary>Restores a state from <see cref="State"/>.</summary>
    public void Restore(byte[] state, string? file = null)
    {
        if (state.Length != StateBytes)
            throw new InputException($"dropout generator state has {state.Length} bytes, expected {StateBytes}", file,
                hint: "the checkpoint was written by an older version; retrain or resume with that version");
        seed = BinaryPrimitives.ReadUInt64LittleEndian(state);
        masksDrawn = BinaryPrimitives.ReadUInt64LittleEndian(state.AsSpan(8));
    }

    /// <summary>Restarts the stream of <paramref name="seed"/>.</summary>
    public void Reseed(long seed)
    {
        this.seed = (ulong)seed;
        masksDrawn = 0;
    }
}
