using System.Globalization;

namespace Regurgitate.Interventions;

/// <summary>Settings of <see cref="TargetNoise"/>.</summary>
/// <param name="Rate">The share of target tokens to corrupt, in [0, 1].</param>
/// <param name="Mix">How the corrupted tokens divide among drop, swap and substitute.</param>
/// <param name="Seed">Seed of the per-pair random streams.</param>
public sealed record NoiseOptions(double Rate, NoiseMix Mix, long Seed = 1)
{
    /// <summary>10% of tokens, the three operations in equal shares, seed 1.</summary>
    public static NoiseOptions Defaults { get; } = new(0.1, NoiseMix.Equal);

    /// <summary>Throws an <see cref="InputException"/> for settings out of range.</summary>
    public void Validate()
    {
        if (!(Rate >= 0 && Rate <= 1)) throw new InputException($"the noise rate must lie in [0, 1], not {Rate.ToString(CultureInfo.InvariantCulture)}");
        if (Mix.Drop < 0 || Mix.Swap < 0 || Mix.Substitute < 0 || Mix.Drop + Mix.Swap + Mix.Substitute <= 0)
            throw new InputException("the noise operations need weights of at least 0 and at least one above 0", hint: "e.g. drop, swap, substitute");
    }

    /// <summary>Canonical text of the settings (part of artifact keys).</summary>
    public string Key => string.Create(CultureInfo.InvariantCulture, $"rate={Rate:R};{Mix};seed={Seed}");
}
