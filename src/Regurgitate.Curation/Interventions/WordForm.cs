namespace Regurgitate.Interventions;

/// <summary>
/// A whitespace token split into leading punctuation, the word, and trailing punctuation ("(dog)," is
/// "(", "dog", "),"), with the word lowercased as the aligner sees it. Corpora such as Multi30k are not
/// tokenized, so this is what lets "street." and "street" count as one word.
/// </summary>
internal readonly record struct WordForm(string Prefix, string Word, string Suffix)
{
    /// <summary>The lowercased word (empty for a token of punctuation only).</summary>
    public string Key => Word.ToLowerInvariant();

    public static WordForm Of(string token)
    {
        int start = 0, end = token.Length;
        while (start < end && !char.IsLetterOrDigit(token[start])) start++;
        while (end > start && !char.IsLetterOrDigit(token[end - 1])) end--;
        return new WordForm(token[..start], token[start..end], token[end..]);
    }

    /// <summary>The lowercased words of <paramref name="text"/>, punctuation-only tokens left out.</summary>
    public static string[] Keys(string text) =>
        [.. TargetNoise.Tokens(text).Select(t => Of(t).Key).Where(k => k.Length > 0)];

    /// <summary>This token with its word replaced by <paramref name="word"/>, its first letter capitalised when the original's was.</summary>
    public string With(string word)
    {
        if (Word.Length > 0 && char.IsUpper(Word[0]) && word.Length > 0) word = char.ToUpperInvariant(word[0]) + word[1..];
        return Prefix + word + Suffix;
    }
}
