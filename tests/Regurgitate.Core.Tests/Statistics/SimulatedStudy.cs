using Regurgitate.Statistics;

namespace Regurgitate.Tests.Statistics;

/// <summary>
/// Simulated study results with known effects, for calibration. A sentence's score (on a BLEU-like 0–100
/// scale) under seed s of condition c is μ_c + a_cs + u_j + g_cj + e_csj: a seed effect a (SD
/// <see cref="SeedSd"/>, the 0.5–1.5 BLEU seen between seeds), the sentence's difficulty u (shared, cancels
/// in a paired difference), the condition × sentence interaction g (what makes the test set a sample) and
/// seed × sentence noise e. A corpus score is the mean over sentences, so the true difference of two
/// conditions is μ_A − μ_B. Every simulation draws a new test set and new seeds.
/// </summary>
internal sealed class SimulatedStudy(int seed)
{
    public const double SeedSd = 1.0, DifficultySd = 15, InteractionSd = 8, NoiseSd = 10;
    ulong state = (ulong)seed * 0x9E3779B97F4A7C15UL + 1;

    public static readonly RatioStatistic Score = new("score", low: double.NegativeInfinity, high: double.PositiveInfinity);

    /// <summary>Conditions with means <paramref name="means"/>, each with <paramref name="seeds"/> seeds, on a fresh test set.</summary>
    public List<ConditionSeeds> Draw(double[] means, int seeds, int sentences, double seedSd = SeedSd) =>
        Draw(means, [.. means.Select(_ => seeds)], sentences, [.. means.Select(_ => seedSd)]);

    public List<ConditionSeeds> Draw(double[] means, int[] seeds, int sentences, double[] seedSds)
    {
        var difficulty = new double[sentences];
        for (int j = 0; j < sentences; j++) difficulty[j] = DifficultySd * Normal();
        var conditions = new List<ConditionSeeds>();
        var scores = new double[sentences];
        for (int c = 0; c < means.Length; c++)
        {
            var interaction = new double[sentences];
            for (int j = 0; j < sentences; j++) interaction[j] = InteractionSd * Normal();
            var list = new List<SentenceStatistics>();
            for (int s = 0; s < seeds[c]; s++)
            {
                double seedEffect = seedSds[c] * Normal();
                for (int j = 0; j < sentences; j++) scores[j] = means[c] + seedEffect + difficulty[j] + interaction[j] + NoiseSd * Normal();
                list.Add(SentenceStatistics.FromScores(scores));
            }
            conditions.Add(new ConditionSeeds($"c{c}", list));
        }
        return conditions;
    }

    // SplitMix64 (Steele, Lea & Flood 2014): seeded System.Random is the legacy subtractive generator,
    // whose correlations showed as a 1-point coverage deficit with the true variance plugged in.
    double NextDouble()
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
    }

    double Normal()
    {
        // Box–Muller; one of the pair is enough here.
        double u1 = 1 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
