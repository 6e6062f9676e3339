using Regurgitate.Cli;
using Regurgitate.Progress;

namespace Regurgitate.Tests;

public class ConsoleProgressTests
{
    [Fact]
    public void Plain_lines_show_rate_percentage_and_eta_and_are_rate_limited()
    {
        var now = TimeSpan.Zero;
        var writer = new StringWriter();
        var progress = new ConsoleProgress(writer, TimeSpan.FromSeconds(5), () => now);
        progress.Report(new ProgressUpdate("convert", 0, 1_000, "pairs"));
        now = TimeSpan.FromSeconds(2);
        progress.Report(new ProgressUpdate("convert", 100, 1_000, "pairs")); // too soon: nothing
        now = TimeSpan.FromSeconds(10);
        progress.Report(new ProgressUpdate("convert", 500, 1_000, "pairs", "loss 3.2"));
        now = TimeSpan.FromSeconds(11);
        progress.Report(new ProgressUpdate("convert", 600, 1_000, "pairs")); // too soon again
        now = TimeSpan.FromSeconds(20);
        progress.Report(new ProgressUpdate("convert", 1_000, 1_000, "pairs")); // finished: always printed
        progress.Report(new ProgressUpdate("convert", 1_000, 1_000, "pairs")); // only once
        var lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
        [
            "convert: 500/1,000 pairs (50%), 50 pairs/s, ETA 0:00:10, loss 3.2",
            "convert: 1,000/1,000 pairs (100%), 50 pairs/s, done in 0:00:20",
        ], lines);
    }

    [Fact]
    public void Unknown_totals_print_counts_and_rate()
    {
        Assert.Equal("read: 1,200 pairs, 400 pairs/s", ConsoleProgress.Format(new ProgressUpdate("read", 1_200, null, "pairs"), TimeSpan.FromSeconds(3)));
    }
}
