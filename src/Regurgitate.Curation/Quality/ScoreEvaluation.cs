namespace Regurgitate.Quality;

/// <summary>How well one quality score tracks sentence chrF against human references.</summary>
/// <param name="Name">The score.</param>
/// <param name="Pairs">Pairs that have the score (and a reference).</param>
/// <param name="Spearman">Spearman's ρ between the score and sentence chrF.</param>
/// <param name="TopPrecision">Per k (10, 25, 50): the share of the score's top k% that are in the true top k% by chrF.</param>
/// <param name="Threshold">Suggested threshold: keeping pairs with score ≥ it maximises F1 for keeping the pairs whose chrF is above the median.</param>
/// <param name="ThresholdF1">That F1.</param>
/// <param name="ThresholdKeptShare">Share of the pairs the threshold keeps.</param>
public sealed record ScoreEvaluation(
    string Name,
    int Pairs,
    double Spearman,
    IReadOnlyDictionary<int, double> TopPrecision,
    double Threshold,
    double ThresholdF1,
    double ThresholdKeptShare);
