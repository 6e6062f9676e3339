namespace Regurgitate.Corpora.Formats;

/// <summary>Checks that a sentence fits on one line of a line-based format.</summary>
internal static class LineText
{
    public static string Checked(string text, string side, SentencePair pair, long index, string outputPath, bool tabsAllowed = true)
    {
        if (text.AsSpan().IndexOfAny('\n', '\r') >= 0)
            throw new InputException($"the {side} of pair {pair.Id ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)} contains a line break, which a line-based file cannot hold",
                outputPath, hint: "write JSONL instead (--out-jsonl), which escapes line breaks");
        if (!tabsAllowed && text.Contains('\t'))
            throw new InputException($"the {side} of pair {pair.Id ?? index.ToString(System.Globalization.CultureInfo.InvariantCulture)} contains a tab, which TSV cannot hold",
                outputPath, hint: "write JSONL (--out-jsonl) or Moses files (--out-source/--out-target) instead");
        return text;
    }
}
