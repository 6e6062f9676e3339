using Regurgitate.Reports;

namespace Regurgitate.Tests.Reports;

/// <summary>
/// The report of the default fixture run directory, written once for all tests that read it.
/// Set REGURG_KEEP_REPORT=1 to keep the directory (its path is in <see cref="Root"/>) for a look.
/// </summary>
public sealed class WrittenReport : IDisposable
{
    public WrittenReport()
    {
        Root = RunDirectoryFixture.Create();
        (Html, Analysis) = StudyReport.WriteWithAnalysis(Root);
        Markdown = File.ReadAllText(Path.Combine(Root, "report.md"));
        HtmlText = File.ReadAllText(Html);
    }

    public string Root { get; }
    public string Html { get; }
    public string HtmlText { get; }
    public string Markdown { get; }
    internal StudyAnalysis Analysis { get; }

    public void Dispose()
    {
        RunDirectoryFixture.Delete(Root);
    }
}
