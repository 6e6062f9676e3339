using Regurgitate.Corpora.Formats;

namespace Regurgitate.Metrics;

/// <summary>
/// Reads a file of one segment per line the way sacreBLEU's command line does: a thin layer over
/// <see cref="TextLines"/> (UTF-8, gzip when the name ends in <c>.gz</c>, split on '\n') that
/// right-strips each line, accepts lines of any length, and keeps a byte-order mark as a character
/// of the first segment, as Python's utf-8 codec keeps it.
/// </summary>
public static class SegmentFile
{
    /// <summary>The segments of <paramref name="path"/>; throws <see cref="InputException"/> naming the file and line for unreadable input.</summary>
    public static string[] Read(string path) =>
        TextLines.Read(path, TextLines.Unlimited, keepByteOrderMark: true).Select(line => Tokenizers.PythonText.RStrip(line.Text)).ToArray();
}
