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

    [Theory]
    [InlineData(4, 32, "study: 4/24 cells (17%), 7.5 cells/min, ETA 0:02:40, human.n60.s1")]
    [InlineData(2, 64, "study: 2/24 cells (8%), 1.9 cells/min, ETA 0:11:44, human.n60.s1")]
    [InlineData(1, 512, "study: 1/24 cells (4%), 7.03 cells/h, ETA 3:16:16, human.n60.s1")]
    [InlineData(0, 30, "study: 0/24 cells (0%), human.n60.s1")]
    public void Slow_tasks_show_their_rate_per_minute_or_per_hour_and_none_before_the_first_item(int done, int seconds, string line) =>
        Assert.Equal(line, ConsoleProgress.Format(new ProgressUpdate("study", done, 24, "cells", "human.n60.s1"), TimeSpan.FromSeconds(seconds)));
}
