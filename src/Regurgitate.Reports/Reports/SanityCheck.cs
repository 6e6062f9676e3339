namespace Regurgitate.Reports;

/// <summary>One of the checks a study must pass before its report draws conclusions.</summary>
/// <param name="Name">What is checked, e.g. "human curve rises with size".</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Detail">The measurements behind the verdict.</param>
/// <param name="Blocking">Whether a failure withholds the report's conclusions (else it is a warning).</param>
public sealed record SanityCheck(string Name, bool Passed, string Detail, bool Blocking = true);
