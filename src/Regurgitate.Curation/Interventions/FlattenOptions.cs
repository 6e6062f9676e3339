using System.Globalization;

namespace Regurgitate.Interventions;

/// <summary>Settings of <see cref="LexicalFlattening"/>.</summary>
/// <param name="Strength">The share of eligible words replaced by their more frequent alternative, in [0, 1].</param>
/// <param name="Iterations">EM iterations of the IBM Model 1 aligner.</param>
/// <param name="Seed">Seed of the per-pair choice of which eligible words are replaced (matters when strength is below 1).</param>
/// <param name="LinkShare">The least share of a word's occurrences that must align (both ways) to a source word for the word to count as one of its renderings.</param>
public sealed record FlattenOptions(double Strength, int Iterations = 5, long Seed = 1, double LinkShare = 0.3)
{
    /// <summary>Strength 0.5, 5 EM iterations, seed 1, link share 0.3.</summary>
    public static FlattenOptions Defaults { get; } = new(0.5);

    /// <summary>Throws an <see cref="InputException"/> for settings out of range.</summary>
    public void Validate()
    {
        if (!(Strength >= 0 && Strength <= 1)) throw new InputException($"the flattening strength must lie in [0, 1], not {Strength.ToString(CultureInfo.InvariantCulture)}");
        if (!(LinkShare > 0 && LinkShare <= 1)) throw new InputException($"the link share must lie in (0, 1], not {LinkShare.ToString(CultureInfo.InvariantCulture)}");
        if (Iterations < 1 || Iterations > 100) throw new InputException($"the aligner's EM iterations must lie in 1..100, not {Iterations}");
    }

    /// <summary>Canonical text of the settings (part of artifact keys).</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"strength={Strength:R};ibm1={Iterations};seed={Seed};links={LinkShare:R}");
}
