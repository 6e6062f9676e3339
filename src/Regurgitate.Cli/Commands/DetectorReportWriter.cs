using System.Globalization;
using Regurgitate.Detection;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>The tables `regurg detector` prints: metrics with a reliability table, and per-system AUCs.</summary>
internal static class DetectorReportWriter
{
    /// <summary>AUC, accuracy and calibration error in one line, then the reliability table.</summary>
    public static void WriteMetrics(IAnsiConsole console, string title, DetectorMetrics metrics)
    {
        console.WriteLine(Markup.Escape($"{title}: {metrics.HumanTexts} human, {metrics.MachineTexts} machine texts; " +
            $"ROC AUC {Number(metrics.RocAuc)}, accuracy at 0.5 {Percent(metrics.Accuracy)}, ECE (10 bins) {Number(metrics.ExpectedCalibrationError)}"));
        var table = new Table().Title("Reliability").AddColumn("P(human)").AddColumn(new TableColumn("texts").RightAligned())
            .AddColumn(new TableColumn("mean P(human)").RightAligned()).AddColumn(new TableColumn("human share").RightAligned());
        foreach (var bin in metrics.Reliability)
            table.AddRow($"{Number(bin.Lower, "0.0")}–{Number(bin.Upper, "0.0")}", bin.Count.ToString(CultureInfo.InvariantCulture),
                bin.MeanPredicted is double p ? Number(p) : "–", bin.ObservedHuman is double h ? Number(h) : "–");
        console.Write(table);
    }

    /// <summary>One row per system: AUC and accuracy against the human reference.</summary>
    public static void WriteSystems(IAnsiConsole console, IReadOnlyList<SystemDetectionResult> systems)
    {
        var table = new Table().Title("Out of domain: each system vs the human reference").AddColumn("system")
            .AddColumn(new TableColumn("ROC AUC").RightAligned()).AddColumn(new TableColumn("accuracy").RightAligned()).AddColumn(new TableColumn("ECE").RightAligned());
        foreach (var s in systems.OrderByDescending(s => s.Metrics.RocAuc))
            table.AddRow(Markup.Escape(s.System), Number(s.Metrics.RocAuc), Percent(s.Metrics.Accuracy), Number(s.Metrics.ExpectedCalibrationError));
        console.Write(table);
        console.WriteLine(Markup.Escape($"mean AUC over {systems.Count} systems: {Number(systems.Average(s => s.Metrics.RocAuc))} " +
            $"(min {Number(systems.Min(s => s.Metrics.RocAuc))}, max {Number(systems.Max(s => s.Metrics.RocAuc))})"));
    }

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A number with three decimals (or <paramref name="format"/>), invariant culture.</summary>
    public static string Number(double value, string format = "0.000") => value.ToString(format, CultureInfo.InvariantCulture);
}
