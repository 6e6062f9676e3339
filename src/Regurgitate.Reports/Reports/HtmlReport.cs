using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace Regurgitate.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as one self-contained HTML file: CSS inline, figures as
/// base64 PNG data URIs, no scripts and no external resources, so it opens offline and mails as one file.
/// </summary>
public static partial class HtmlReport
{
    const string Style = """
        :root { --ink: #1d1d1f; --muted: #5f6368; --rule: #d0d4d9; --band: #f5f7fa; --alarm: #b3261e; --ok: #1e6b34; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.55 "DejaVu Sans", "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1180px; margin: 0 auto; padding: 32px 40px 80px; }
        h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; }
        h2 { font-size: 23px; margin: 44px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--rule); }
        h3 { font-size: 18px; margin: 28px 0 8px; }
        p, li { max-width: 940px; }
        .note { max-width: 1100px; }
        .subtitle { color: var(--muted); margin: 0 0 20px; }
        code, pre { font-family: "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 13.5px; }
        code { background: var(--band); padding: 1px 4px; border-radius: 3px; }
        pre { background: var(--band); border: 1px solid var(--rule); border-radius: 4px; padding: 12px 14px; overflow-x: auto; line-height: 1.4; }
        pre code { background: none; padding: 0; }
        .callout { border-left: 6px solid var(--ok); background: #eef7f0; padding: 12px 18px; margin: 18px 0; border-radius: 0 4px 4px 0; }
        .callout.alarm { border-left-color: var(--alarm); background: #fdecea; }
        .callout h3 { margin: 0 0 6px; font-size: 18px; }
        .callout ul { margin: 4px 0; padding-left: 22px; }
        table { border-collapse: collapse; margin: 12px 0 6px; font-size: 14px; font-variant-numeric: tabular-nums; }
        th, td { padding: 5px 10px; border-bottom: 1px solid var(--rule); vertical-align: top; }
        th { text-align: left; border-bottom: 2px solid #888; background: var(--band); font-weight: 600; }
        td:first-child { white-space: nowrap; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        tr:nth-child(even) td { background: #fafbfc; }
        .note { color: var(--muted); font-size: 14px; margin: 2px 0 16px; }
        figure { margin: 20px 0 28px; }
        figure img { width: 100%; max-width: 900px; height: auto; border: 1px solid var(--rule); }
        figcaption { color: var(--muted); font-size: 14px; max-width: 900px; margin-top: 6px; }
        nav.toc { background: var(--band); border: 1px solid var(--rule); border-radius: 4px; padding: 8px 18px; margin: 16px 0; font-size: 15px; }
        nav.toc ol { margin: 4px 0; padding-left: 22px; columns: 2; }
        @media print { main { max-width: none; padding: 0; } h2 { page-break-after: avoid; } figure, table { page-break-inside: avoid; } }
        """;

    /// <summary>The HTML text of <paramref name="document"/>, headed by <paramref name="subtitle"/>.</summary>
    public static string Render(ReportDocument document, string subtitle)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Escape(document.Title)).Append("</title>\n<style>\n").Append(Style).Append("</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>").Append(Escape(document.Title)).Append("</h1>\n")
            .Append("<p class=\"subtitle\">").Append(Inline(subtitle)).Append("</p>\n");
        // The verdict on the study's sanity comes first, above the contents.
        var blocks = document.Blocks.ToList();
        if (blocks.Count > 0 && blocks[0] is Callout verdict)
        {
            Append(html, verdict);
            blocks.RemoveAt(0);
        }
        var sections = blocks.OfType<Heading>().Where(h => h.Level == 2).ToList();
        if (sections.Count > 2)
        {
            html.Append("<nav class=\"toc\"><strong>Contents</strong><ol>\n");
            foreach (var h in sections) html.Append("<li><a href=\"#").Append(h.Id).Append("\">").Append(Escape(h.Text)).Append("</a></li>\n");
            html.Append("</ol></nav>\n");
        }
        foreach (var block in blocks) Append(html, block);
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    static void Append(StringBuilder html, ReportBlock block)
    {
        switch (block)
        {
            case Heading h:
                html.Append($"<h{h.Level} id=\"{h.Id}\">").Append(Escape(h.Text)).Append($"</h{h.Level}>\n");
                break;
            case Paragraph p:
                html.Append("<p>").Append(Inline(p.Text)).Append("</p>\n");
                break;
            case BulletList l:
                html.Append("<ul>\n");
                foreach (var item in l.Items) html.Append("<li>").Append(Inline(item)).Append("</li>\n");
                html.Append("</ul>\n");
                break;
            case Callout c:
                html.Append(c.Alarm ? "<div class=\"callout alarm\" id=\"verdict\">" : "<div class=\"callout\" id=\"verdict\">")
                    .Append("<h3>").Append(Inline(c.Title)).Append("</h3>\n<ul>\n");
                foreach (var item in c.Items) html.Append("<li>").Append(Inline(item)).Append("</li>\n");
                html.Append("</ul></div>\n");
                break;
            case Table t:
                html.Append("<table>\n<thead><tr>");
                for (int i = 0; i < t.Header.Count; i++)
                    html.Append(t.Numeric[i] ? "<th class=\"num\">" : "<th>").Append(Inline(t.Header[i])).Append("</th>");
                html.Append("</tr></thead>\n<tbody>\n");
                foreach (var row in t.Rows)
                {
                    html.Append("<tr>");
                    for (int i = 0; i < row.Count; i++)
                        html.Append(t.Numeric[i] ? "<td class=\"num\">" : "<td>").Append(Inline(row[i])).Append("</td>");
                    html.Append("</tr>\n");
                }
                html.Append("</tbody>\n</table>\n");
                if (t.Note != null) html.Append("<p class=\"note\">").Append(Inline(t.Note)).Append("</p>\n");
                break;
            case FigureBlock f:
                html.Append("<figure id=\"fig-").Append(f.Figure.Name).Append("\"><img alt=\"").Append(Escape(f.Figure.Title))
                    .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(f.Figure.Png)).Append("\">\n<figcaption><strong>")
                    .Append(Escape(f.Figure.Title)).Append(".</strong> ").Append(Inline(f.Figure.Caption))
                    .Append(" (<code>figures/").Append(f.Figure.Name).Append(".png</code>, <code>.svg</code>)</figcaption></figure>\n");
                break;
            case Code c:
                html.Append("<pre><code>").Append(Escape(c.Text)).Append("</code></pre>\n");
                break;
            default:
                throw new ArgumentException($"unknown block {block.GetType().Name}", nameof(block));
        }
    }

    static string Escape(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Escapes text, then turns <c>**bold**</c> and <c>`code`</c> into tags.</summary>
    static string Inline(string text)
    {
        string escaped = Escape(text);
        escaped = CodeSpan().Replace(escaped, "<code>$1</code>");
        return BoldSpan().Replace(escaped, "<strong>$1</strong>");
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\*\*(.+?)\*\*")]
    private static partial Regex BoldSpan();
}
