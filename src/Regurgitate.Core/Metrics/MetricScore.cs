namespace Regurgitate.Metrics;

/// <summary>A metric's score with the signature of the settings that produced it.</summary>
public abstract record MetricScore(string Name, double Score, Signature Signature)
{
    /// <summary>Details printed after the score (BLEU's precisions and brevity penalty), or empty.</summary>
    public virtual string Verbose => "";

    /// <summary>sacreBLEU's one-line form, <c>BLEU|nrefs:1|...|version:2.6.0 = 22.7 58.2/28.7/16.9/10.3 (BP = ...)</c>.</summary>
    public string Format(int width = 1, bool withSignature = true, ConfidenceInterval? confidence = null)
    {
        string name = withSignature ? $"{Name}|{Signature}" : Name;
        string score = PythonFormat.Fixed(Score, width);
        if (confidence is { } ci)
            score += $" (μ = {PythonFormat.Fixed(ci.Mean, width)} ± {PythonFormat.Fixed(ci.HalfWidth, width)})";
        return Verbose.Length > 0 ? $"{name} = {score} {Verbose}" : $"{name} = {score}";
    }

    /// <inheritdoc/>
    public override string ToString() => Format();
}

/// <summary>A bootstrap estimate: the mean of resampled scores and half the width of their 95% interval.</summary>
public readonly record struct ConfidenceInterval(double Mean, double HalfWidth);
