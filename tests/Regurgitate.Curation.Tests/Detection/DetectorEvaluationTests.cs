using Regurgitate.Detection;

namespace Regurgitate.Tests.Curation.Detection;

/// <summary>The metrics by hand-checkable cases.</summary>
public sealed class DetectorEvaluationTests
{
    [Fact]
    public void Auc_counts_ties_as_half_and_perfect_separation_as_one()
    {
        Assert.Equal(1.0, DetectorEvaluation.RocAuc(LabelledScores.Of([0.9, 0.8], [0.1, 0.2])));
        Assert.Equal(0.0, DetectorEvaluation.RocAuc(LabelledScores.Of([0.1], [0.9])));
        Assert.Equal(0.5, DetectorEvaluation.RocAuc(LabelledScores.Of([0.5, 0.5], [0.5, 0.5])));
        // Pairs (h, m): (0.6, 0.4) win, (0.6, 0.6) tie, (0.3, 0.4) lose, (0.3, 0.6) lose → 1.5 / 4.
        Assert.Equal(0.375, DetectorEvaluation.RocAuc(LabelledScores.Of([0.6, 0.3], [0.4, 0.6])), 12);
    }

    [Fact]
    public void Calibration_error_is_zero_when_predictions_match_observed_shares()
    {
        // Bin [0.7, 0.8): P = 0.75 for 4 texts of which 3 are human; bin [0.2, 0.3): P = 0.25 for 4 texts, 1 human.
        var scores = LabelledScores.Of([0.75, 0.75, 0.75, 0.25], [0.75, 0.25, 0.25, 0.25]);
        var metrics = DetectorEvaluation.Evaluate(scores);
        Assert.Equal(0, metrics.ExpectedCalibrationError, 12);
        Assert.Equal(4, metrics.Reliability[7].Count);
        Assert.Equal(0.75, metrics.Reliability[7].ObservedHuman!.Value, 12);
        Assert.Null(metrics.Reliability[0].MeanPredicted);
        Assert.Equal(0.75, metrics.Accuracy, 12);

        var overconfident = DetectorEvaluation.Evaluate(LabelledScores.Of([0.95, 0.95], [0.95, 0.95]));
        Assert.Equal(0.45, overconfident.ExpectedCalibrationError, 12);
    }

    [Fact]
    public void Platt_scaling_keeps_the_order_and_softens_overconfident_scores()
    {
        var raw = new[] { 0.999, 0.99, 0.001, 0.01, 0.999, 0.001, 0.99, 0.01 };
        var labels = new[] { true, false, false, true, true, false, true, false };
        var platt = PlattScaling.Fit(raw, labels);
        Assert.True(platt.Slope > 0 && platt.Slope < 1, $"slope {platt.Slope}");
        Assert.True(platt.Apply(0.999) > platt.Apply(0.001));
        Assert.InRange(platt.Apply(0.999), 0.5, 0.95);
    }
}
