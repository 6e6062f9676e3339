using Regurgitate.Generators;

namespace Regurgitate.Studies;

/// <summary>Any `regurg generate` spec (openai, nmt, apertium, file), run over the student pool's sources.</summary>
public sealed record ExternalGenerator(string Name, long Line, GeneratorSpec Spec, string CanonicalSpec) : StudyGenerator(Name, Line)
{
    public override string Type => Spec.Type;
    public override string Key => "external;" + CanonicalSpec;
    public override string Description => $"{Spec.Type} generator {CanonicalSpec}";
}
