using System.Globalization;
using Regurgitate.Statistics;

namespace Regurgitate.Reports;

/// <summary>
/// How the report words a comparison's verdict. The four words are defined in docs/statistics.md: <b>better</b> /
/// <b>worse</b> (Holm-adjusted two-sided p below α), <b>equivalent within ±m</b> (Holm-adjusted TOST p below α), and
/// <b>inconclusive</b>, which always says how many seeds would decide it.
/// </summary>
public static class VerdictText
{
    /// <summary>The verdict in bold, e.g. "**worse**", "**equivalent within ±1.0**".</summary>
    public static string Word(ComparisonDecision d) => $"**{d.Words}**";

    /// <summary>The verdict for a table cell: the word, and for an inconclusive one the seeds that would decide it, in brief.</summary>
    public static string Cell(ComparisonDecision d) =>
        Word(d) + (d.Verdict != Verdict.Inconclusive ? ""
            : d.SeedsToDecide is int k ? $" ({k} seeds)"
            : double.IsNaN(d.Comparison.PValue) ? " (no seed variance)"
            : " (test set too small)");

    /// <summary>What would decide an inconclusive comparison, in words; "" for a decided one.</summary>
    public static string ToDecide(ComparisonDecision d, double power)
    {
        if (d.Verdict != Verdict.Inconclusive) return "";
        var c = d.Comparison;
        string margin = Margin(c);
        if (double.IsNaN(c.PValue))
            return "one seed per condition and no pooled seed variance give no test: run at least 2 seeds per condition";
        string observed = ReportFormat.Signed(c.Difference, c.Statistic == RatioStatistic.NllPerToken.Name ? 3 : 1);
        bool beyond = Math.Abs(c.Difference) >= c.Margin;
        return d.SeedsToDecide is int k
            ? beyond
                ? $"about {k} seeds per condition would show a difference of the observed size ({observed}) at power {Percent(power)}"
                : $"about {k} seeds per condition would show equivalence within {margin} if the true difference were the observed {observed} (power {Percent(power)})"
            : beyond
                ? $"no number of seeds would show a difference of the observed size ({observed}): the test set's own sentence variance is too large; more test sentences are needed"
                : $"no number of seeds would show equivalence within {margin}: the observed {observed} lies too near the margin for the test set's sentence variance; more test sentences are needed";
    }

    /// <summary>"verdict: Δ [CI], p = …, Holm-adjusted …" for a table cell or a sentence.</summary>
    public static string Full(ComparisonDecision d, double power, int digits = 1)
    {
        var c = d.Comparison;
        string numbers = $"{ReportFormat.Difference(c, digits)}, {ReportFormat.PIs(c.PValue)} (Holm {ReportFormat.TestP(d.AdjustedP)})";
        if (d.Verdict == Verdict.Equivalent) numbers += $", TOST {ReportFormat.PIs(c.EquivalencePValue)} (Holm {ReportFormat.TestP(d.AdjustedEquivalenceP)})";
        string decide = ToDecide(d, power);
        return $"{Word(d)}: {numbers}{(decide.Length == 0 ? "" : "; " + decide)}";
    }

    /// <summary>The margin as the report prints it, "±1.0 BLEU".</summary>
    public static string Margin(PairedComparison c) =>
        $"±{c.Margin.ToString(c.Statistic == RatioStatistic.NllPerToken.Name ? "0.0##" : "0.0#", CultureInfo.InvariantCulture)} {c.Statistic}";

    /// <summary>A share as a percentage with its interval, "40% [15%, 62%]".</summary>
    public static string Share(QuantityEstimate share) =>
        double.IsNaN(share.Low)
            ? $"{Percent(share.Estimate)} (no interval)"
            : $"{Percent(share.Estimate)} [{Percent(share.Low)}, {Percent(share.High)}]";

    static string Percent(double share) => double.IsFinite(share) ? (share < 0 ? "−" : "") + PythonFormat(Math.Abs(100 * share)) + "%" : "n/a";

    static string PythonFormat(double value) => Regurgitate.Metrics.PythonFormat.Fixed(value, 0);
}
