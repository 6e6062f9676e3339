namespace Regurgitate.Tokenization;

/// <summary>
/// SentencePiece-style word boundaries: one space is prepended to the text and every space becomes
/// the piece "▁" (U+2581) at the start of the word that follows it. Words are the spans from one
/// space up to the next, so no character is dropped: runs of spaces, leading and trailing spaces
/// all survive the round trip. The empty text has no words (as in SentencePiece).
/// </summary>
internal static class Metaspace
{
    /// <summary>The word-boundary piece that stands for one space.</summary>
    public const string Replacement = "\u2581";
    /// <summary>The code point of <see cref="Replacement"/>.</summary>
    public const int ReplacementRune = 0x2581;

    /// <summary>The text with the boundary space in front; the empty text stays empty.</summary>
    public static string Prefix(string text) => text.Length == 0 ? "" : " " + text;

    /// <summary>End (exclusive) of the word that starts at <paramref name="start"/> in a prefixed text.</summary>
    public static int WordEnd(ReadOnlySpan<char> prefixed, int start)
    {
        int next = prefixed[(start + 1)..].IndexOf(' ');
        return next < 0 ? prefixed.Length : start + 1 + next;
    }
}
