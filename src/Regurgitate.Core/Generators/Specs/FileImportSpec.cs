using Regurgitate.Specs;

namespace Regurgitate.Generators;

/// <summary>`type: file`: translations made elsewhere, one per line, aligned with the sources.</summary>
/// <param name="Path">The translations file.</param>
/// <param name="Label">The provenance label.</param>
public sealed record FileImportSpec(string Path, string Label) : GeneratorSpec
{
    public override string Type => "file";

    public override IGenerator Create(GeneratorContext context) => new FileImportGenerator(Path, Label);

    internal static FileImportSpec Read(SpecNode fields, Func<string, string> resolve)
    {
        string path = resolve(fields.String("path", required: true)!);
        return new FileImportSpec(path, fields.String("label") ?? System.IO.Path.GetFileName(path));
    }
}
