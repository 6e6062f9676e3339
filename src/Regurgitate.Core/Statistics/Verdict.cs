namespace Regurgitate.Statistics;

/// <summary>The four words a comparison's conclusion is stated in.</summary>
public enum Verdict
{
    /// <summary>The difference favours the first condition, after multiplicity control.</summary>
    Better,
    /// <summary>The difference favours the second condition, after multiplicity control.</summary>
    Worse,
    /// <summary>Two one-sided tests place the difference within ±margin, after multiplicity control.</summary>
    Equivalent,
    /// <summary>Neither: the data do not decide; the decision says how many seeds would.</summary>
    Inconclusive,
}
