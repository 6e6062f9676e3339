namespace Regurgitate.Reports;

/// <summary>
/// A report as a list of blocks that both the HTML and the Markdown renderer print, so the two
/// files say the same thing. Text may use <c>**bold**</c> and <c>`code`</c>; nothing else is markup.
/// </summary>
public sealed class ReportDocument(string title)
{
    readonly List<ReportBlock> blocks = [];

    /// <summary>The document's title.</summary>
    public string Title { get; } = title;

    /// <summary>The blocks in order.</summary>
    public IReadOnlyList<ReportBlock> Blocks => blocks;

    /// <summary>Appends a block.</summary>
    public ReportDocument Add(ReportBlock block)
    {
        blocks.Add(block);
        return this;
    }
}

/// <summary>A block of a report.</summary>
public abstract record ReportBlock;

/// <summary>A section heading (level 2 or 3) with an anchor id.</summary>
public sealed record Heading(int Level, string Text, string Id) : ReportBlock;

/// <summary>A paragraph.</summary>
public sealed record Paragraph(string Text) : ReportBlock;

/// <summary>A bulleted list.</summary>
public sealed record BulletList(IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A highlighted box at the top: a verdict on the study's sanity.</summary>
public sealed record Callout(bool Alarm, string Title, IReadOnlyList<string> Items) : ReportBlock;

/// <summary>A table; numeric columns are right-aligned. <paramref name="Note"/> is printed under it.</summary>
public sealed record Table(IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<bool> Numeric, string? Note = null) : ReportBlock;

/// <summary>A figure, stored under <c>figures/</c>.</summary>
public sealed record FigureBlock(ReportFigure Figure) : ReportBlock;

/// <summary>Preformatted text (the spec, a command).</summary>
public sealed record Code(string Text, string Language = "") : ReportBlock;
