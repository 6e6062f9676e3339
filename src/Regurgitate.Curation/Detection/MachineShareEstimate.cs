namespace Regurgitate.Detection;

/// <summary>An audit's answer: the estimated share of machine-made texts in a corpus, with its confidence interval.</summary>
/// <param name="Share">Adjusted classify-and-count estimate, clipped to [0, 1].</param>
/// <param name="Lower">Lower end of the bootstrap percentile interval.</param>
/// <param name="Upper">Upper end of the interval.</param>
/// <param name="Confidence">The interval's level, e.g. 0.95.</param>
/// <param name="FlaggedShare">Share of texts the detector flags as machine-made (P(human) below the threshold).</param>
/// <param name="TruePositiveRate">Share of held-out machine texts flagged at training time.</param>
/// <param name="FalsePositiveRate">Share of held-out human texts flagged at training time.</param>
/// <param name="Texts">Texts audited.</param>
/// <param name="BootstrapSamples">Bootstrap resamples behind the interval.</param>
public sealed record MachineShareEstimate(
    double Share, double Lower, double Upper, double Confidence, double FlaggedShare,
    double TruePositiveRate, double FalsePositiveRate, int Texts, int BootstrapSamples);
