namespace Regurgitate.Metrics.Significance;

/// <summary>
/// NumPy's default generator, <c>numpy.random.default_rng(seed)</c>: PCG64 (XSL-RR 128/64) seeded
/// through <c>SeedSequence</c>, with NumPy's bounded-integer (Lemire) and boolean sampling. Same seed,
/// same draws as NumPy, so resampling tests reproduce sacreBLEU's resamples index for index.
/// Not thread-safe; create one per test.
/// </summary>
public sealed class NumpyRandom
{
    static readonly UInt128 Multiplier = new(2549297995355413924UL, 4865540595714422341UL);

    UInt128 state;
    readonly UInt128 increment;
    bool hasUInt32;
    uint bufferedUInt32;
    // Bit buffer of integers(2, dtype=bool); NumPy keeps it per fill call.
    uint boolBuffer;
    int boolBits;

    /// <summary>Seeds like <c>np.random.default_rng(seed)</c> (non-negative seeds).</summary>
    public NumpyRandom(ulong seed)
    {
        var words = SeedSequenceState(seed, 4);
        UInt128 initState = new(words[0], words[1]);
        UInt128 initSequence = new(words[2], words[3]);
        state = 0;
        increment = (initSequence << 1) | 1;
        Step();
        state += initState;
        Step();
    }

    void Step() => state = unchecked(state * Multiplier + increment);

    /// <summary>The next 64 random bits (<c>pcg64_next64</c>).</summary>
    public ulong NextUInt64()
    {
        Step();
        ulong high = (ulong)(state >> 64), low = (ulong)state;
        int rotation = (int)(state >> 122);
        return ulong.RotateRight(high ^ low, rotation);
    }

    /// <summary>The next 32 random bits: NumPy halves a 64-bit draw, low half first.</summary>
    public uint NextUInt32()
    {
        if (hasUInt32)
        {
            hasUInt32 = false;
            return bufferedUInt32;
        }
        ulong next = NextUInt64();
        hasUInt32 = true;
        bufferedUInt32 = (uint)(next >> 32);
        return (uint)next;
    }

    /// <summary>
    /// A uniform integer in [0, <paramref name="count"/>), as <c>rng.integers(0, count)</c> and <c>rng.choice(count)</c>;
    /// <c>Bootstrap.Resample(into, count, random.NextIndex)</c> is <c>rng.choice(count, size=into.Length, replace=True)</c>.
    /// </summary>
    public int NextIndex(int count)
    {
        if (count <= 0) throw new ArgumentOutOfRangeException(nameof(count));
        uint range = (uint)(count - 1);
        if (range == 0) return 0;
        // Lemire's nearly-divisionless method, as NumPy's buffered_bounded_lemire_uint32.
        uint exclusive = range + 1;
        ulong m = (ulong)NextUInt32() * exclusive;
        uint leftover = (uint)m;
        if (leftover < exclusive)
        {
            uint threshold = (uint.MaxValue - range) % exclusive;
            while (leftover < threshold)
            {
                m = (ulong)NextUInt32() * exclusive;
                leftover = (uint)m;
            }
        }
        return (int)(m >> 32);
    }

    /// <summary>
    /// Continues <c>rng.integers(2, size=..., dtype=bool)</c>: one bit of a 32-bit draw each. NumPy draws a
    /// whole matrix in one call from one bit buffer, so consecutive calls here continue that buffer.
    /// </summary>
    public void Booleans(Span<bool> into)
    {
        for (int i = 0; i < into.Length; i++)
        {
            if (boolBits == 0)
            {
                boolBuffer = NextUInt32();
                boolBits = 31;
            }
            else
            {
                boolBuffer >>= 1;
                boolBits--;
            }
            into[i] = (boolBuffer & 1) != 0;
        }
    }

    // numpy.random.SeedSequence(seed).generate_state(words, np.uint64); constants from O'Neill's seed_seq design.
    static ulong[] SeedSequenceState(ulong seed, int words)
    {
        const uint InitA = 0x43b0d7e5, MultA = 0x931e8875, InitB = 0x8b51f9dd, MultB = 0x58f38ded;
        const uint MixMultL = 0xca01f9dd, MixMultR = 0x4973f715;
        const int PoolSize = 4, XShift = 16;

        var entropy = new List<uint> { (uint)seed };
        if (seed >> 32 != 0) entropy.Add((uint)(seed >> 32));

        uint hashConst = InitA;
        uint HashMix(uint value)
        {
            unchecked
            {
                value ^= hashConst;
                hashConst *= MultA;
                value *= hashConst;
                value ^= value >> XShift;
                return value;
            }
        }
        static uint Mix(uint x, uint y)
        {
            unchecked
            {
                uint result = MixMultL * x - MixMultR * y;
                return result ^ (result >> XShift);
            }
        }

        var pool = new uint[PoolSize];
        for (int i = 0; i < PoolSize; i++) pool[i] = HashMix(i < entropy.Count ? entropy[i] : 0);
        for (int src = 0; src < PoolSize; src++)
            for (int dst = 0; dst < PoolSize; dst++)
                if (src != dst) pool[dst] = Mix(pool[dst], HashMix(pool[src]));
        for (int src = PoolSize; src < entropy.Count; src++)
            for (int dst = 0; dst < PoolSize; dst++)
                pool[dst] = Mix(pool[dst], HashMix(entropy[src]));

        var state32 = new uint[words * 2];
        uint hashB = InitB;
        for (int i = 0; i < state32.Length; i++)
        {
            unchecked
            {
                uint value = pool[i % PoolSize];
                value ^= hashB;
                hashB *= MultB;
                value *= hashB;
                value ^= value >> XShift;
                state32[i] = value;
            }
        }
        var state64 = new ulong[words];
        for (int i = 0; i < words; i++) state64[i] = state32[2 * i] | ((ulong)state32[2 * i + 1] << 32);
        return state64;
    }
}
