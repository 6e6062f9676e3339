using System.Globalization;
using Regurgitate.IO;

namespace Regurgitate.Corpora.Formats;

/// <summary>
/// Tab-separated pairs, one per line: <c>source&lt;TAB&gt;target</c>, optionally followed by the
/// provenance columns <c>origin&lt;TAB&gt;generator&lt;TAB&gt;settings</c> (empty for none). No quoting or
/// escaping, as in Moses and Tatoeba exports, so text may not contain tabs or line breaks.
/// Pair ids are the 1-based line numbers.
/// </summary>
public static class TsvFile
{
    /// <summary>Streams the pairs of <paramref name="path"/> (gzipped when it ends in <c>.gz</c>).</summary>
    public static Corpus Read(string path, CorpusReadOptions? options = null, string? name = null)
    {
        options ??= CorpusReadOptions.Default;
        TextLines.CheckReadable(path);
        return new Corpus(name ?? path, () => Parse(TextLines.Read(path, options.MaxLineLength), path, options.DefaultProvenance));
    }

    /// <summary>Parses TSV lines into pairs; <paramref name="name"/> is the file named in errors.</summary>
    public static IEnumerable<SentencePair> Parse(IEnumerable<TextLine> lines, string name, Provenance defaultProvenance)
    {
        long n = 0;
        foreach (var line in lines)
        {
            n++;
            yield return ParseLine(line, name, defaultProvenance);
        }
        if (n == 0) throw new InputException("empty file: no lines to read", name);
    }

    static SentencePair ParseLine(TextLine line, string name, Provenance defaultProvenance)
    {
        var fields = line.Text.Split('\t');
        if (fields.Length < 2)
            throw new InputException("no tab: expected source<TAB>target", name, line.Number,
                "TSV lines hold source and target separated by one tab character");
        if (fields.Length > 5)
            throw new InputException($"{fields.Length} tab-separated fields; expected 2 (source, target) or up to 5 (+ origin, generator, settings)", name, line.Number);
        var provenance = defaultProvenance;
        if (fields.Length > 2)
        {
            string origin = fields[2];
            if (origin != Provenance.HumanOrigin && origin != Provenance.MachineOrigin)
                throw new InputException($"provenance origin '{origin}' is neither '{Provenance.HumanOrigin}' nor '{Provenance.MachineOrigin}'", name, line.Number,
                    "column 3 is the origin, column 4 the generator, column 5 its settings");
            string? generator = fields.Length > 3 && fields[3].Length > 0 ? fields[3] : null;
            string? settings = fields.Length > 4 && fields[4].Length > 0 ? fields[4] : null;
            provenance = origin == Provenance.HumanOrigin && generator == null && settings == null
                ? Provenance.Human
                : new Provenance(origin, generator, settings);
        }
        return new SentencePair(fields[0], fields[1], provenance, line.Number.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// Writes <paramref name="pairs"/> atomically (gzipped when the name ends in <c>.gz</c>); with
    /// <paramref name="provenanceColumns"/> every line also gets origin, generator and settings.
    /// Ids and meta are not kept. Returns the pairs written.
    /// </summary>
    public static long Write(string path, IEnumerable<SentencePair> pairs, bool provenanceColumns = false)
    {
        long n = 0;
        AtomicFile.Write(path, stream =>
        {
            var output = TextLines.WrapForWrite(stream, path);
            using var outputLayer = ReferenceEquals(output, stream) ? null : output; // a gzip layer is closed to finish it; the file stays open
            using var writer = new StreamWriter(output, TextLines.Utf8, 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var pair in pairs)
            {
                n++;
                writer.Write(LineText.Checked(pair.Source, "source", pair, n, path, tabsAllowed: false));
                writer.Write('\t');
                writer.Write(LineText.Checked(pair.Target, "target", pair, n, path, tabsAllowed: false));
                if (provenanceColumns)
                {
                    var p = pair.Provenance;
                    writer.Write('\t');
                    writer.Write(p.Origin);
                    writer.Write('\t');
                    writer.Write(LineText.Checked(p.Generator ?? "", "generator", pair, n, path, tabsAllowed: false));
                    writer.Write('\t');
                    writer.Write(LineText.Checked(p.Settings ?? "", "settings", pair, n, path, tabsAllowed: false));
                }
                writer.WriteLine();
            }
        });
        return n;
    }
}
