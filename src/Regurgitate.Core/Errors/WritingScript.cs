using System.Text;

namespace Regurgitate.Errors;

/// <summary>A writing system, as far as telling a target language's letters from foreign ones needs.</summary>
public enum WritingScript
{
    /// <summary>A letter in no block listed here.</summary>
    Other,
    Latin, Greek, Cyrillic, Armenian, Hebrew, Arabic, Devanagari, Bengali, Gurmukhi, Gujarati, Tamil,
    Telugu, Kannada, Malayalam, Sinhala, Thai, Lao, Tibetan, Myanmar, Georgian, Ethiopic, Khmer,
    Hangul, Hiragana, Katakana, Bopomofo, Han,
}

/// <summary>The script of a letter, by Unicode block (.NET exposes no Script property).</summary>
/// <remarks>
/// Blocks approximate the Unicode Script property well for letters, the only characters we
/// classify: digits, punctuation, symbols and combining marks belong to every script and are
/// skipped by the caller. The micro sign µ (U+00B5, a Latin-1 letter) is treated as script-neutral.
/// </remarks>
public static class WritingScripts
{
    static readonly (int First, int Last, WritingScript Script)[] Blocks =
    [
        (0x0041, 0x005A, WritingScript.Latin), (0x0061, 0x007A, WritingScript.Latin), (0x00AA, 0x00AA, WritingScript.Latin),
        (0x00BA, 0x00BA, WritingScript.Latin), (0x00C0, 0x02AF, WritingScript.Latin), (0x0370, 0x03FF, WritingScript.Greek),
        (0x0400, 0x052F, WritingScript.Cyrillic), (0x0530, 0x058F, WritingScript.Armenian), (0x0590, 0x05FF, WritingScript.Hebrew),
        (0x0600, 0x06FF, WritingScript.Arabic), (0x0750, 0x077F, WritingScript.Arabic), (0x0870, 0x08FF, WritingScript.Arabic),
        (0x0900, 0x097F, WritingScript.Devanagari), (0x0980, 0x09FF, WritingScript.Bengali), (0x0A00, 0x0A7F, WritingScript.Gurmukhi),
        (0x0A80, 0x0AFF, WritingScript.Gujarati), (0x0B80, 0x0BFF, WritingScript.Tamil), (0x0C00, 0x0C7F, WritingScript.Telugu),
        (0x0C80, 0x0CFF, WritingScript.Kannada), (0x0D00, 0x0D7F, WritingScript.Malayalam), (0x0D80, 0x0DFF, WritingScript.Sinhala),
        (0x0E00, 0x0E7F, WritingScript.Thai), (0x0E80, 0x0EFF, WritingScript.Lao), (0x0F00, 0x0FFF, WritingScript.Tibetan),
        (0x1000, 0x109F, WritingScript.Myanmar), (0x10A0, 0x10FF, WritingScript.Georgian), (0x1100, 0x11FF, WritingScript.Hangul),
        (0x1200, 0x139F, WritingScript.Ethiopic), (0x1780, 0x17FF, WritingScript.Khmer), (0x1C80, 0x1C8F, WritingScript.Cyrillic),
        (0x1C90, 0x1CBF, WritingScript.Georgian), (0x1D00, 0x1DBF, WritingScript.Latin), (0x1E00, 0x1EFF, WritingScript.Latin),
        (0x1F00, 0x1FFF, WritingScript.Greek), (0x2C60, 0x2C7F, WritingScript.Latin), (0x2D00, 0x2D2F, WritingScript.Georgian),
        (0x2DE0, 0x2DFF, WritingScript.Cyrillic), (0x2E80, 0x2FDF, WritingScript.Han), (0x3005, 0x3007, WritingScript.Han),
        (0x3021, 0x3029, WritingScript.Han), (0x3038, 0x303B, WritingScript.Han), (0x3040, 0x309F, WritingScript.Hiragana),
        (0x30A0, 0x30FF, WritingScript.Katakana), (0x3100, 0x312F, WritingScript.Bopomofo), (0x3130, 0x318F, WritingScript.Hangul),
        (0x31A0, 0x31BF, WritingScript.Bopomofo), (0x31F0, 0x31FF, WritingScript.Katakana), (0x3400, 0x4DBF, WritingScript.Han),
        (0x4E00, 0x9FFF, WritingScript.Han), (0xA640, 0xA69F, WritingScript.Cyrillic), (0xA720, 0xA7FF, WritingScript.Latin),
        (0xA8E0, 0xA8FF, WritingScript.Devanagari), (0xA960, 0xA97F, WritingScript.Hangul), (0xAB30, 0xAB6F, WritingScript.Latin),
        (0xAC00, 0xD7FF, WritingScript.Hangul), (0xF900, 0xFAFF, WritingScript.Han), (0xFB00, 0xFB06, WritingScript.Latin),
        (0xFB13, 0xFB17, WritingScript.Armenian), (0xFB1D, 0xFB4F, WritingScript.Hebrew), (0xFB50, 0xFDFF, WritingScript.Arabic),
        (0xFE70, 0xFEFF, WritingScript.Arabic), (0xFF21, 0xFF3A, WritingScript.Latin), (0xFF41, 0xFF5A, WritingScript.Latin),
        (0xFF66, 0xFF9F, WritingScript.Katakana), (0xFFA0, 0xFFDC, WritingScript.Hangul), (0x20000, 0x3134F, WritingScript.Han),
    ];

    /// <summary>The script of <paramref name="rune"/> if it is a letter; null for anything else (script-neutral).</summary>
    public static WritingScript? Of(Rune rune)
    {
        if (!Rune.IsLetter(rune) || rune.Value == 0x00B5) return null;
        int value = rune.Value;
        int lo = 0, hi = Blocks.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >> 1;
            if (value < Blocks[mid].First) hi = mid - 1;
            else if (value > Blocks[mid].Last) lo = mid + 1;
            else return Blocks[mid].Script;
        }
        return WritingScript.Other;
    }

    /// <summary>Parses a script name such as "Latin" or "cyrillic"; null if unknown.</summary>
    public static WritingScript? Parse(string name) =>
        Enum.TryParse<WritingScript>(name.Trim(), ignoreCase: true, out var script) && Enum.IsDefined(script) ? script : null;
}
