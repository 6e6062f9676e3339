namespace Regurgitate.Interventions;

/// <summary>One way <see cref="TargetNoise"/> corrupts a target token.</summary>
public enum NoiseOperation
{
    /// <summary>The token is left out.</summary>
    Drop,
    /// <summary>The token trades places with its right neighbour (its left one at the end of the sentence).</summary>
    Swap,
    /// <summary>The token is replaced by a word drawn from the training targets' vocabulary by frequency.</summary>
    Substitute,
}
