using System.Globalization;
using Regurgitate.Specs;
using YamlDotNet.RepresentationModel;

namespace Regurgitate.Statistics;

/// <summary>
/// How a study's report decides its comparisons, from the spec's optional <c>analysis:</c> mapping:
/// <c>equivalence_margin</c> (metric points within which two conditions count as equivalent, default
/// <see cref="PairedComparison.DefaultMargin"/>), <c>nll_margin</c> (the same for test NLL per token, in nats,
/// default 0.05), <c>alpha</c> (family-wise level, default 0.05) and
/// <c>power</c> (for the seeds an inconclusive comparison needs, default 0.8). None of them changes what is
/// trained, so a report can be rebuilt with other values without rerunning a cell.
/// </summary>
public sealed record AnalysisSettings(double EquivalenceMargin = PairedComparison.DefaultMargin, double NllMargin = 0.05, double Alpha = 0.05, double Power = 0.8)
{
    /// <summary>The spec's key.</summary>
    public const string Key = "analysis";

    /// <summary>The defaults.</summary>
    public static AnalysisSettings Default { get; } = new();

    /// <summary>Reads the <c>analysis:</c> mapping (null: the defaults); unknown keys and values out of range are errors on their line.</summary>
    public static AnalysisSettings Read(SpecNode? node)
    {
        if (node == null) return Default;
        double margin = node.Double("equivalence_margin", 0, exclusiveMin: true) ?? Default.EquivalenceMargin;
        double nllMargin = node.Double("nll_margin", 0, exclusiveMin: true) ?? Default.NllMargin;
        double alpha = node.Double("alpha", 0, exclusiveMin: true) ?? Default.Alpha;
        if (alpha >= 0.5) throw node.Error($"'{node.Qualified("alpha")}' must be below 0.5, not {alpha.ToString(CultureInfo.InvariantCulture)}", node.NodeOf("alpha"), "0.05 is the usual family-wise level");
        double power = node.Double("power", 0, exclusiveMin: true) ?? Default.Power;
        if (power >= 1) throw node.Error($"'{node.Qualified("power")}' must be below 1, not {power.ToString(CultureInfo.InvariantCulture)}", node.NodeOf("power"), "0.8 is the usual power");
        node.RejectUnknown("analysis");
        return new AnalysisSettings(margin, nllMargin, alpha, power);
    }

    /// <summary>The settings of a spec's text (a run directory's spec.yaml); the defaults when it has no <c>analysis:</c>.</summary>
    public static AnalysisSettings FromSpec(string yaml, string file)
    {
        if (yaml.Length == 0 || SpecYaml.LoadRoot(yaml, file) is not YamlMappingNode root) return Default;
        return Read(new SpecNode(root, file).Mapping(Key));
    }
}
