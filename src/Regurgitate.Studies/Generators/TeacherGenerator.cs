using Regurgitate.Decoding;
using Regurgitate.Specs;

namespace Regurgitate.Studies;

/// <summary>`type: teacher`: trained by the study on <see cref="Pairs"/> human pairs disjoint from the student pool.</summary>
public sealed record TeacherGenerator(string Name, long Line, int? Pairs, TrainingSpec Training, long Seed) : StudyGenerator(Name, Line)
{
    /// <summary>Default teacher training: the student defaults, with beam search for generation.</summary>
    public static TrainingSpec Defaults { get; } = new() { Decoding = DecodingOptions.Defaults };

    public override string Type => "teacher";
    public override string Key => $"teacher;pairs={Pairs?.ToString() ?? "all"};seed={Seed};{Training.Key};decode={Training.DecodingKey}";
    public override string Description =>
        $"teacher ({Training.Preset}) trained on {(Pairs == null ? "all remaining" : Pairs.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))} human pairs disjoint from the student pool, {Training.DescribeBudget()}; generates with {Training.DescribeDecoding()} search";

    internal static TeacherGenerator Read(string name, SpecNode node, string baseDirectory)
    {
        node.String("type");
        int? pairs = null;
        var pairsText = node.String("pairs", required: true)!;
        if (pairsText != "all") pairs = node.Int("pairs", min: 1);
        var training = TrainingSpec.Read(node, baseDirectory, Defaults, allowInit: false);
        long seed = node.Int("seed") ?? 1;
        node.RejectUnknown();
        return new TeacherGenerator(name, node.Node.Start.Line, pairs, training, seed);
    }
}
