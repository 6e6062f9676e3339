using Regurgitate.Specs;

namespace Regurgitate.Generators;

/// <summary>`type: apertium`: rule-based translation with an installed Apertium pair.</summary>
/// <param name="Mode">e.g. "eng-spa".</param>
/// <param name="MarkUnknown">Keep `*` marks on unknown words.</param>
/// <param name="BatchSize">Segments per process run.</param>
public sealed record ApertiumSpec(string Mode, bool MarkUnknown, int BatchSize) : GeneratorSpec
{
    public override string Type => "apertium";

    public override IGenerator Create(GeneratorContext context)
    {
        var generator = new ApertiumGenerator(Mode, MarkUnknown, BatchSize);
        generator.EnsureInstalled();
        return generator;
    }

    internal static ApertiumSpec Read(SpecNode fields) =>
        new(fields.String("mode", required: true)!, fields.Bool("mark_unknown") ?? false, fields.Int("batch_size", min: 1) ?? 500);
}
