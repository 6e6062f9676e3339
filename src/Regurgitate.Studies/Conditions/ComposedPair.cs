namespace Regurgitate.Studies;

/// <summary>One training pair of a condition and who made its target ("human" or a generator's name).</summary>
public sealed record ComposedPair(string Source, string Target, string HumanTarget, string Origin);
