using System.Globalization;

namespace Regurgitate.Studies;

/// <summary>
/// The bounds of a study, checked from the spec's own numbers before anything is expanded: a typo such as
/// <c>to: 2000000000</c> must be an error naming its line, not a plan that fills the memory. Far above the
/// paper's design (7 conditions x 12 sizes x 3 seeds = 252 cells). Documented in docs/studies.md.
/// </summary>
public static class StudyLimits
{
    /// <summary>Most sizes in one study.</summary>
    public const int MaxSizes = 1_000;
    /// <summary>Most seeds in one study.</summary>
    public const int MaxSeeds = 1_000;
    /// <summary>Most cells (conditions x sizes x seeds) in one study.</summary>
    public const int MaxCells = 10_000;
    /// <summary>Longest study, generator or condition name: names become folder and file names of the run directory.</summary>
    public const int MaxNameLength = 64;

    /// <summary>Why <paramref name="name"/> is too long for the name of a <paramref name="what"/> ("condition"), or null.</summary>
    public static string? LengthProblem(string what, string name) => name.Length <= MaxNameLength ? null
        : string.Create(CultureInfo.InvariantCulture, $"the {what} name '{name[..24]}...' is {name.Length} characters long; at most {MaxNameLength} are allowed");

    /// <summary>How many sizes <c>{from, step, to}</c> stands for, computed without listing them.</summary>
    public static long RangeCount(long from, long step, long to) => to < from ? 0 : (to - from) / step + 1;
}
