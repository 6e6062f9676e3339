namespace Regurgitate.Training;

/// <summary>
/// Our own random stream for shuffling data (SplitMix64, Steele et al. 2014): stable across .NET
/// versions, and seeded from (seed, epoch) so an epoch's order is a pure function of both —
/// a resumed run rebuilds exactly the batches it was in the middle of.
/// </summary>
public sealed class DataOrder
{
    ulong state;

    public DataOrder(long seed, int epoch)
    {
        state = (ulong)seed * 0x9E3779B97F4A7C15UL ^ (ulong)epoch * 0xD1B54A32D192ED03UL;
        Next();
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong Next()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform integer in [0, <paramref name="bound"/>).</summary>
    public int NextInt(int bound) => (int)(Next() % (ulong)bound);

    /// <summary>Fisher-Yates shuffle in place.</summary>
    public void Shuffle<T>(IList<T> items)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
