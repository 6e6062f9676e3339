namespace Regurgitate.Reports;

/// <summary>A figure of the report: its file name stem, caption, and the PNG and SVG renderings.</summary>
public sealed record ReportFigure(string Name, string Title, string Caption, byte[] Png, string Svg);
