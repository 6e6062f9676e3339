namespace Regurgitate.Errors;

/// <summary>The error types a segment can be flagged with.</summary>
[Flags]
public enum ErrorFlags
{
    /// <summary>No error signal fired.</summary>
    None = 0,
    /// <summary>The output is empty (or blank) although the source is not.</summary>
    Empty = 1,
    /// <summary>The output is largely the source copied untranslated.</summary>
    CopiedSource = 2,
    /// <summary>The output repeats an n-gram in a loop.</summary>
    RepetitionLoop = 4,
    /// <summary>The output's length is far from the expected length for its source.</summary>
    LengthOutlier = 8,
    /// <summary>Many letters are in a script the target language is not written in.</summary>
    ForeignScript = 16,
    /// <summary>The TER edit rate against the reference exceeds the threshold.</summary>
    HighEditRate = 32,
}

/// <summary>Names of error flags as they appear in JSONL and tables.</summary>
public static class ErrorFlagNames
{
    /// <summary>Every single flag, in report order.</summary>
    public static IReadOnlyList<ErrorFlags> All { get; } =
        [ErrorFlags.Empty, ErrorFlags.CopiedSource, ErrorFlags.RepetitionLoop, ErrorFlags.LengthOutlier, ErrorFlags.ForeignScript, ErrorFlags.HighEditRate];

    /// <summary>The snake_case name of one flag, e.g. "copied_source".</summary>
    public static string NameOf(ErrorFlags flag) => flag switch
    {
        ErrorFlags.Empty => "empty",
        ErrorFlags.CopiedSource => "copied_source",
        ErrorFlags.RepetitionLoop => "repetition_loop",
        ErrorFlags.LengthOutlier => "length_outlier",
        ErrorFlags.ForeignScript => "foreign_script",
        ErrorFlags.HighEditRate => "high_edit_rate",
        _ => throw new ArgumentOutOfRangeException(nameof(flag), flag, "one flag at a time"),
    };

    /// <summary>The names of the flags set in <paramref name="flags"/>.</summary>
    public static IEnumerable<string> NamesOf(ErrorFlags flags) => All.Where(f => flags.HasFlag(f)).Select(NameOf);
}
