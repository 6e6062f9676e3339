namespace Regurgitate.Diversity;

/// <summary>Maps string tokens to dense integer ids (0, 1, 2, ... in order of first appearance).</summary>
internal static class TokenIds
{
    public static int[] Of(IReadOnlyList<string> tokens, out int types)
    {
        var vocabulary = new Dictionary<string, int>(StringComparer.Ordinal);
        var ids = new int[tokens.Count];
        for (int i = 0; i < ids.Length; i++)
        {
            if (!vocabulary.TryGetValue(tokens[i], out int id))
            {
                id = vocabulary.Count;
                vocabulary.Add(tokens[i], id);
            }
            ids[i] = id;
        }
        types = vocabulary.Count;
        return ids;
    }
}
