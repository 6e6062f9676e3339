using System.Globalization;
using Regurgitate.IO;

namespace Regurgitate.RunDirectories;

/// <summary>
/// cells/&lt;id&gt;/test.nll: per test sentence, in test order, <c>NLL\tTOKENS</c>: the student's negative log-likelihood of
/// the human reference in nats (round-trip invariant formatting) and the target subword tokens it covers (EOS included).
/// </summary>
public static class SentenceNllFile
{
    /// <summary>Writes the rows atomically.</summary>
    public static void Write(string file, IEnumerable<(double Nll, long Tokens)> rows) =>
        AtomicFile.WriteAllLines(file, rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Nll:R}\t{r.Tokens}")));

    /// <summary>The rows of <paramref name="file"/>; a malformed line is an <see cref="InputException"/> naming the file and line.</summary>
    public static List<(double Nll, long Tokens)> Read(string file)
    {
        var rows = new List<(double, long)>();
        int line = 0;
        foreach (string text in File.ReadLines(file))
        {
            line++;
            var parts = text.Split('\t');
            if (parts.Length != 2
                || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double nll) || !double.IsFinite(nll) || nll < 0
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long tokens) || tokens < 1)
                throw new InputException("expected NLL<TAB>TOKENS (a finite non-negative number, a positive integer)", file, line, "see docs/run-directory.md");
            rows.Add((nll, tokens));
        }
        return rows;
    }

    /// <summary>The test set's NLL per token (Σ NLL / Σ tokens, nats; null without tokens) and its tokens.</summary>
    public static (double? PerToken, long Tokens) Total(IReadOnlyCollection<(double Nll, long Tokens)> rows)
    {
        long tokens = rows.Sum(r => r.Tokens);
        return (tokens == 0 ? null : rows.Sum(r => r.Nll) / tokens, tokens);
    }
}
