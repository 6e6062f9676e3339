using System.Globalization;
using Regurgitate.Metrics;

namespace Regurgitate.Reports;

/// <summary>How the report prints numbers: scores with one decimal rounded as sacreBLEU rounds them, intervals, sizes.</summary>
public static class ReportFormat
{
    /// <summary>A score with one decimal, e.g. "22.7" (Python's rounding, as sacreBLEU prints).</summary>
    public static string Score(double value, int digits = 1)
    {
        if (double.IsNaN(value)) return "n/a";
        // A typographic minus, as in the rest of the report, and none on a value that rounds to zero ("-0.0").
        string text = PythonFormat.Fixed(Math.Abs(value), digits);
        return value < 0 && text.Any(c => c is >= '1' and <= '9') ? "−" + text : text;
    }

    /// <summary>A signed score difference, e.g. "+1.3" or "−2.0".</summary>
    public static string Signed(double value, int digits = 1)
    {
        if (double.IsNaN(value)) return "n/a";
        string text = PythonFormat.Fixed(Math.Abs(value), digits);
        // A value that rounds to zero gets no sign: "−0.0" would read as below 0.
        return text.Any(c => c is >= '1' and <= '9') ? (value >= 0 ? "+" : "−") + text : text;
    }

    /// <summary>"mean [low, high] (n=k)" of a seed summary; "mean (n=1, no CI)" without an interval.</summary>
    public static string MeanCi(SeedSummary s, int digits = 1, bool signed = false)
    {
        string mean = signed ? Signed(s.Mean, digits) : Score(s.Mean, digits);
        string Bound(double v) => signed ? Signed(v, digits) : Score(v, digits);
        return s.HasInterval ? $"{mean} [{Bound(s.Low)}, {Bound(s.High)}] (n={s.N})" : $"{mean} (n={s.N}, no CI)";
    }

    /// <summary>A difference with its interval, "−10.4 [−12.9, −7.8]"; "+0.3 (no CI)" without one.</summary>
    public static string Difference(Regurgitate.Statistics.PairedComparison c, int digits = 1) =>
        double.IsNaN(c.Low) ? $"{Signed(c.Difference, digits)} (no CI)" : $"{Signed(c.Difference, digits)} [{Signed(c.Low, digits)}, {Signed(c.High, digits)}]";

    /// <summary>"p = 0.012" or "p &lt; 0.0001", as a sentence states a p-value.</summary>
    public static string PIs(double p) => p < 0.0001 ? "p < 0.0001" : "p = " + TestP(p);

    /// <summary>A p-value of a t test: three significant decimals, "&lt; 0.0001" below that, "n/a" when undefined.</summary>
    public static string TestP(double p) =>
        double.IsNaN(p) ? "n/a" : p < 0.0001 ? "< 0.0001" : p < 0.001 ? PythonFormat.Fixed(p, 4) : PythonFormat.Fixed(p, 3);

    /// <summary>"mean [low, high]" of a seed summary without n.</summary>
    public static string Interval(SeedSummary s, int digits = 1) =>
        s.HasInterval ? $"[{Score(s.Low, digits)}, {Score(s.High, digits)}]" : "—";


    /// <summary>A count of pairs, e.g. "4,000 pairs".</summary>
    public static string Pairs(double size) => $"{Count(size)} pairs";

    /// <summary>A count with thousands separators, e.g. "4,000".</summary>
    public static string Count(double size) => Math.Round(size).ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage with one decimal, e.g. "3.2%".</summary>
    public static string Percent(double share, int digits = 1) => double.IsNaN(share) ? "n/a" : PythonFormat.Fixed(100 * share, digits) + "%";

    /// <summary>A correlation coefficient with two decimals and a true minus sign, e.g. "−0.57"; "not defined" for NaN.</summary>
    public static string Correlation(double r) => double.IsNaN(r) ? "not defined" : (r < 0 ? "−" : "") + PythonFormat.Fixed(Math.Abs(r), 2);

    /// <summary>An invariant number with <paramref name="digits"/> decimals.</summary>
    public static string Number(double value, int digits) => double.IsNaN(value) ? "n/a" : PythonFormat.Fixed(value, digits);

    /// <summary>Seconds as "1 h 02 min", "3 min 05 s" or "42.0 s".</summary>
    public static string Duration(double seconds)
    {
        if (double.IsNaN(seconds)) return "n/a";
        var t = TimeSpan.FromSeconds(seconds);
        if (t.TotalHours >= 1) return $"{(int)t.TotalHours} h {t.Minutes:00} min";
        if (t.TotalMinutes >= 1) return $"{(int)t.TotalMinutes} min {t.Seconds:00} s";
        return $"{Number(seconds, 1)} s";
    }
}
