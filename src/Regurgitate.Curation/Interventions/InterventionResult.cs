namespace Regurgitate.Interventions;

/// <summary>One target after an intervention: its text, how many whitespace tokens the original had, and how many it changed.</summary>
public sealed record InterventionResult(string Text, int Tokens, int Changed);
