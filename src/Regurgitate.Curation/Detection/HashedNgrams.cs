namespace Regurgitate.Detection;

/// <summary>
/// The neural detector's input: ids of a text's word 1..n-grams and character n-grams (with spaces marking word
/// edges), hashed into a fixed number of buckets. FNV-1a rather than string.GetHashCode, which .NET randomizes per
/// process and would make a saved model read different ids after loading.
/// </summary>
internal sealed class HashedNgrams(int buckets, int wordNgramLength, int charNgramLength)
{
    /// <summary>The bucket ids of <paramref name="text"/>; never empty (a bias id stands for the text itself).</summary>
    public List<long> Ids(string text)
    {
        var ids = new List<long> { Bucket("\u0001bias") };
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        for (int n = 1; n <= wordNgramLength; n++)
            for (int i = 0; i + n <= words.Length; i++)
                ids.Add(Bucket("w" + n + "\u0001" + string.Join(' ', words, i, n)));
        string padded = " " + string.Join(' ', words) + " ";
        for (int i = 0; i + charNgramLength <= padded.Length; i++)
            ids.Add(Bucket("c\u0001" + padded.Substring(i, charNgramLength)));
        return ids;
    }

    long Bucket(string feature)
    {
        uint hash = 2166136261;
        foreach (char c in feature)
        {
            hash = (hash ^ (uint)(c & 0xFF)) * 16777619;
            hash = (hash ^ (uint)(c >> 8)) * 16777619;
        }
        return hash % (uint)buckets;
    }
}
