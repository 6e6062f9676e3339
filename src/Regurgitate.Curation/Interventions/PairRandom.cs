namespace Regurgitate.Interventions;

/// <summary>
/// A small random stream per (seed, pair index): SplitMix64 (Steele et al. 2014), chosen because its output
/// is fixed by definition (System.Random's algorithm is not a documented contract), so a pair gets the same
/// draws whatever the pool around it, and conditions stay nested across sizes.
/// </summary>
internal struct PairRandom
{
    ulong state;

    public PairRandom(long seed, long index, ulong stream = 0) =>
        state = Mix(Mix((ulong)seed) ^ Mix((ulong)index + 0x632BE59BD9B4E019UL) ^ stream);

    /// <summary>The next 64 random bits.</summary>
    public ulong NextBits() => Mix(state += 0x9E3779B97F4A7C15UL);

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="count"/>).</summary>
    public int Next(int count) => (int)(NextDouble() * count);

    /// <summary>Uniform in [0, <paramref name="count"/>).</summary>
    public long Next(long count) => (long)(NextDouble() * count);

    static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
