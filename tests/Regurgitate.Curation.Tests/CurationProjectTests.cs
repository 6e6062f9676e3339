using Microsoft.ML;

namespace Regurgitate.Tests.Curation;

/// <summary>The curation project loads ML.NET on this machine (its native CpuMath included).</summary>
public class CurationProjectTests
{
    [Fact]
    public void MlNet_trains_a_logistic_regression_here()
    {
        var ml = new MLContext(seed: 1);
        var rows = Enumerable.Range(0, 200).Select(i => new Row { Features = [i % 2 == 0 ? 1f : -1f, (i % 7) / 7f], Label = i % 2 == 0 }).ToList();
        var data = ml.Data.LoadFromEnumerable(rows);
        var model = ml.BinaryClassification.Trainers.LbfgsLogisticRegression().Fit(data);
        var metrics = ml.BinaryClassification.Evaluate(model.Transform(data));
        Assert.True(metrics.AreaUnderRocCurve > 0.99);
    }

    sealed class Row
    {
        [Microsoft.ML.Data.VectorType(2)] public float[] Features { get; set; } = [];
        public bool Label { get; set; }
    }
}
