using System.Text;

namespace Regurgitate.Reports;

/// <summary>Renders a <see cref="ReportDocument"/> as GitHub-flavoured Markdown; figures are linked from <c>figures/</c>.</summary>
public static class MarkdownReport
{
    /// <summary>The Markdown text of <paramref name="document"/>, headed by <paramref name="subtitle"/>.</summary>
    public static string Render(ReportDocument document, string subtitle)
    {
        var md = new StringBuilder();
        md.Append("# ").Append(document.Title).Append("\n\n").Append(subtitle).Append("\n\n");
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case Heading h:
                    md.Append(new string('#', h.Level)).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case Paragraph p:
                    md.Append(p.Text).Append("\n\n");
                    break;
                case BulletList l:
                    foreach (var item in l.Items) md.Append("- ").Append(item).Append('\n');
                    md.Append('\n');
                    break;
                case Callout c:
                    md.Append("> **").Append(c.Title.Replace("**", "")).Append("**\n>\n");
                    foreach (var item in c.Items) md.Append("> - ").Append(item).Append('\n');
                    md.Append('\n');
                    break;
                case Table t:
                    AppendTable(md, t);
                    break;
                case FigureBlock f:
                    md.Append("![").Append(f.Figure.Title).Append("](figures/").Append(f.Figure.Name).Append(".png)\n\n*")
                        .Append(f.Figure.Title).Append(".* ").Append(f.Figure.Caption)
                        .Append(" (SVG: `figures/").Append(f.Figure.Name).Append(".svg`)\n\n");
                    break;
                case Code c:
                    md.Append("```").Append(c.Language).Append('\n').Append(c.Text.TrimEnd('\n')).Append("\n```\n\n");
                    break;
                default:
                    throw new ArgumentException($"unknown block {block.GetType().Name}", nameof(block));
            }
        }
        return md.ToString();
    }

    // Columns padded to equal width so the table is aligned in plain text too.
    static void AppendTable(StringBuilder md, Table t)
    {
        static string Cell(string s) => s.Replace("|", "\\|");
        var rows = new List<IReadOnlyList<string>> { t.Header.Select(Cell).ToList() };
        rows.AddRange(t.Rows.Select(r => (IReadOnlyList<string>)r.Select(Cell).ToList()));
        var widths = Enumerable.Range(0, t.Header.Count).Select(i => Math.Max(3, rows.Max(r => r[i].Length))).ToArray();
        void Row(IReadOnlyList<string> cells)
        {
            md.Append('|');
            for (int i = 0; i < cells.Count; i++)
                md.Append(' ').Append(t.Numeric[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i])).Append(" |");
            md.Append('\n');
        }
        Row(rows[0]);
        md.Append('|');
        for (int i = 0; i < widths.Length; i++) md.Append(' ').Append(t.Numeric[i] ? new string('-', widths[i] - 1) + ":" : new string('-', widths[i])).Append(" |");
        md.Append('\n');
        foreach (var row in rows.Skip(1)) Row(row);
        md.Append('\n');
        if (t.Note != null) md.Append('*').Append(t.Note.Trim()).Append("*\n\n");
    }
}
