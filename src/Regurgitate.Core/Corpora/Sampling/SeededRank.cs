using System.Globalization;

namespace Regurgitate.Corpora.Sampling;

/// <summary>
/// A seeded pseudo-random rank for a string key, identical on every platform and runtime (unlike
/// System.Random, whose algorithm .NET does not promise to keep): FNV-1a over the key's UTF-16 code
/// units, then the SplitMix64 finalizer mixed with the seed. Sorting by rank gives a seeded shuffle
/// in which each item's position depends only on its own key and the seed.
/// </summary>
public static class SeededRank
{
    /// <summary>The rank of <paramref name="key"/> under <paramref name="seed"/>.</summary>
    public static ulong Of(string key, ulong seed)
    {
        ulong hash = 14695981039346656037UL; // FNV-1a 64-bit offset basis
        foreach (char c in key)
        {
            hash ^= (byte)c;
            hash *= 1099511628211UL;
            hash ^= (byte)(c >> 8);
            hash *= 1099511628211UL;
        }
        return Mix(hash ^ Mix(seed + 0x9E3779B97F4A7C15UL));
    }

    /// <summary>The key a pair is ranked by: its id, or else its 0-based position.</summary>
    public static string KeyOf(SentencePair pair, long position) =>
        pair.Id ?? "#" + position.ToString(CultureInfo.InvariantCulture);

    // SplitMix64's output function (Steele, Lea, Flood 2014): a bijection with good avalanche.
    static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
