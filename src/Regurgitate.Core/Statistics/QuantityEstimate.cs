namespace Regurgitate.Statistics;

/// <summary>A derived quantity's point value and percentile interval; <see cref="Undefined"/> resamples gave no finite value.</summary>
public sealed record QuantityEstimate(double Estimate, double Low, double High, int Resamples, int Undefined);
