using Regurgitate.Statistics;

namespace Regurgitate.Detection;

/// <summary>
/// Estimates what share of a corpus of unknown origin is machine-made by adjusted classify-and-count
/// (Forman 2008): share = (flagged share − FPR) / (TPR − FPR), where TPR and FPR are the detector's flag rates on
/// held-out machine and human texts. The interval is a percentile bootstrap that resamples the corpus's texts and,
/// independently, the held-out machine and human texts, so the uncertainty of TPR and FPR is in it too.
/// </summary>
public static class MachineShareAudit
{
    /// <summary>P(human) below this flags a text as machine-made.</summary>
    public const double DefaultThreshold = 0.5;

    /// <summary>Bootstrap resamples by default.</summary>
    public const int DefaultBootstrapSamples = 1000;

    /// <summary>
    /// The machine share of texts scored <paramref name="corpusProbabilityHuman"/>, given the detector's scores on
    /// labelled held-out texts <paramref name="heldOut"/> (e.g. <see cref="MachineTextDetector.Validation"/>).
    /// </summary>
    public static MachineShareEstimate Estimate(IReadOnlyList<double> corpusProbabilityHuman, LabelledScores heldOut,
        double threshold = DefaultThreshold, int bootstrapSamples = DefaultBootstrapSamples, int seed = 1, double confidence = 0.95)
    {
        if (corpusProbabilityHuman.Count == 0) throw new InputException("no texts to audit");
        if (bootstrapSamples < 10) throw new InputException($"the audit needs at least 10 bootstrap samples, not {bootstrapSamples}");
        if (confidence is <= 0 or >= 1) throw new InputException($"confidence must be in (0, 1), not {confidence}");
        var flagged = corpusProbabilityHuman.Select(p => p < threshold).ToArray();
        var machineFlags = heldOut.Machine().Select(p => p < threshold).ToArray();
        var humanFlags = heldOut.Human().Select(p => p < threshold).ToArray();
        if (machineFlags.Length == 0 || humanFlags.Length == 0)
            throw new InputException("the audit needs held-out human and machine texts to measure the detector's error rates");

        double observed = Rate(flagged), tpr = Rate(machineFlags), fpr = Rate(humanFlags);
        var random = new Random(seed);
        var shares = new double[bootstrapSamples];
        var picks = new int[Math.Max(flagged.Length, Math.Max(machineFlags.Length, humanFlags.Length))];
        for (int s = 0; s < bootstrapSamples; s++)
            shares[s] = Adjusted(Resampled(flagged, random, picks), Resampled(machineFlags, random, picks), Resampled(humanFlags, random, picks));
        Array.Sort(shares);
        var (low, high) = Bootstrap.PercentileInterval(shares, confidence);
        return new MachineShareEstimate(Adjusted(observed, tpr, fpr), low, high, confidence,
            observed, tpr, fpr, flagged.Length, bootstrapSamples);
    }

    /// <summary>(observed − FPR) / (TPR − FPR), clipped to [0, 1].</summary>
    static double Adjusted(double observed, double tpr, double fpr)
    {
        double gap = tpr - fpr;
        // A detector whose TPR does not exceed its FPR cannot tell the classes apart: fall back to the raw flagged share.
        if (gap <= 1e-9) return observed;
        return Math.Clamp((observed - fpr) / gap, 0, 1);
    }

    static double Rate(bool[] flags) => flags.Count(f => f) / (double)flags.Length;

    /// <summary>The flagged share of a resample of <paramref name="flags"/>; <paramref name="picks"/> is scratch space.</summary>
    static double Resampled(bool[] flags, Random random, int[] picks)
    {
        var resample = picks.AsSpan(0, flags.Length);
        Bootstrap.Resample(resample, flags.Length, random.Next);
        int hits = 0;
        foreach (int i in resample) if (flags[i]) hits++;
        return hits / (double)flags.Length;
    }
}
