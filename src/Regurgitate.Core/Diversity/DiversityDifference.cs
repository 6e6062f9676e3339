namespace Regurgitate.Diversity;

/// <summary>How a text compares with a reference text on one measure (95% intervals by default).</summary>
public enum DiversityDifference
{
    /// <summary>No interval on one side (no bootstrap, or the measure is undefined).</summary>
    Undetermined,
    /// <summary>The intervals overlap: no clear difference.</summary>
    Overlapping,
    /// <summary>Less diverse than the reference, intervals apart.</summary>
    LessDiverse,
    /// <summary>More diverse than the reference, intervals apart.</summary>
    MoreDiverse,
}
