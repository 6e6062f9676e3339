using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Regurgitate.Progress;
using Spectre.Console;

namespace Regurgitate.Cli;

/// <summary>
/// Shows <see cref="ProgressUpdate"/>s: a Spectre progress bar on an interactive terminal, otherwise
/// (logs, pipes, tests) plain lines with rate and ETA, at most one per task every few seconds plus one
/// when a task finishes. Spectre's own progress display prints nothing when output is redirected,
/// which is why the plain form exists. Progress goes to standard error so results on standard output
/// (tables, JSON) stay clean.
/// </summary>
internal sealed class ConsoleProgress : IProgress<ProgressUpdate>
{
    /// <summary>Default minimum time between two plain lines for the same task.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    readonly TextWriter writer;
    readonly TimeSpan interval;
    readonly Func<TimeSpan> clock;
    readonly Dictionary<string, (TimeSpan Started, TimeSpan LastPrinted, bool Finished)> tasks = new();
    readonly Lock gate = new();

    /// <summary>Plain-line progress to <paramref name="writer"/>; <paramref name="clock"/> (elapsed time) is for tests.</summary>
    public ConsoleProgress(TextWriter writer, TimeSpan? interval = null, Func<TimeSpan>? clock = null)
    {
        this.writer = writer;
        this.interval = interval ?? DefaultInterval;
        if (clock == null)
        {
            var watch = Stopwatch.StartNew();
            clock = () => watch.Elapsed;
        }
        this.clock = clock;
    }

    /// <summary>
    /// Runs <paramref name="work"/> with a progress reporter suited to where the command's error output goes:
    /// a live bar on an interactive terminal, plain lines otherwise.
    /// </summary>
    public static T Run<T>(ParseResult parse, Func<IProgress<ProgressUpdate>, T> work)
    {
        var error = parse.InvocationConfiguration.Error;
        if (!IsInteractive(error)) return work(new ConsoleProgress(error));
        return CreateDisplay()
            .Start(context => work(new SpectreReporter(context)));
    }

    /// <summary>The asynchronous form of <see cref="Run{T}"/>, for work that awaits (downloads).</summary>
    public static async Task<T> RunAsync<T>(ParseResult parse, Func<IProgress<ProgressUpdate>, Task<T>> work)
    {
        var error = parse.InvocationConfiguration.Error;
        if (!IsInteractive(error)) return await work(new ConsoleProgress(error));
        return await CreateDisplay().StartAsync(context => work(new SpectreReporter(context)));
    }

    static bool IsInteractive(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected
        && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    static Spectre.Console.Progress CreateDisplay() =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) }).Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn());

    /// <inheritdoc />
    public void Report(ProgressUpdate value)
    {
        lock (gate)
        {
            var now = clock();
            bool finished = value.Total is long total && value.Done >= total;
            if (!tasks.TryGetValue(value.Task, out var state))
            {
                state = (now, now, false);
                tasks[value.Task] = state;
                if (!finished) return; // the first report is the start; there is no rate yet
            }
            if (state.Finished) return;
            if (!finished && now - state.LastPrinted < interval) return;
            writer.WriteLine(Format(value, now - state.Started));
            writer.Flush();
            tasks[value.Task] = (state.Started, now, finished);
        }
    }

    /// <summary>One plain progress line, e.g. "stats: 120,000/270,000 pairs (44%), 41,000 pairs/s, ETA 0:00:04".</summary>
    public static string Format(ProgressUpdate value, TimeSpan elapsed)
    {
        var culture = CultureInfo.InvariantCulture;
        double seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        double rate = value.Done / seconds;
        string line = value.Total is long total && total > 0
            ? string.Format(culture, "{0}: {1:N0}/{2:N0} {3} ({4:0}%)", value.Task, value.Done, total, value.Unit, 100.0 * value.Done / total)
            : string.Format(culture, "{0}: {1:N0} {2}", value.Task, value.Done, value.Unit);
        if (Rate(rate, value.Unit) is string readable) line += ", " + readable;
        if (value.Total is long t && value.Done < t && rate > 0)
            line += ", ETA " + TimeSpan.FromSeconds(Math.Ceiling((t - value.Done) / rate)).ToString(@"h\:mm\:ss", culture);
        else if (value.Total is long t2 && value.Done >= t2)
            line += ", done in " + elapsed.ToString(@"h\:mm\:ss", culture);
        if (value.Detail != null) line += ", " + value.Detail;
        return line;
    }

    /// <summary>
    /// A rate a person can read: per second when at least one a second, else per minute, else per hour
    /// ("0 cells/s" says nothing about a study whose cells take minutes); none before the first item.
    /// </summary>
    static string? Rate(double perSecond, string unit)
    {
        var culture = CultureInfo.InvariantCulture;
        if (perSecond <= 0) return null;
        if (perSecond >= 1) return string.Format(culture, "{0:N0} {1}/s", perSecond, unit);
        if (perSecond * 60 >= 1) return string.Format(culture, "{0:0.#} {1}/min", perSecond * 60, unit);
        return string.Format(culture, "{0:0.##} {1}/h", perSecond * 3600, unit);
    }

    /// <summary>Maps updates onto Spectre progress tasks, one bar per task name.</summary>
    sealed class SpectreReporter(ProgressContext context) : IProgress<ProgressUpdate>
    {
        readonly Dictionary<string, ProgressTask> bars = new();
        readonly Lock gate = new();

        public void Report(ProgressUpdate value)
        {
            lock (gate)
            {
                if (!bars.TryGetValue(value.Task, out var bar))
                {
                    bar = context.AddTask(Markup.Escape(value.Task), autoStart: true, maxValue: value.Total ?? 1);
                    bars[value.Task] = bar;
                }
                string numbers = value.Total is long total
                    ? $"{value.Done:N0}/{total:N0} {value.Unit}"
                    : $"{value.Done:N0} {value.Unit}";
                bar.Description = Markup.Escape($"{value.Task} {numbers}{(value.Detail == null ? "" : " " + value.Detail)}");
                if (value.Total is long max)
                {
                    bar.IsIndeterminate = false;
                    bar.MaxValue = Math.Max(max, 1);
                    bar.Value = Math.Min(value.Done, max);
                    if (value.Done >= max) bar.StopTask();
                }
                else bar.IsIndeterminate = true;
            }
        }
    }
}
