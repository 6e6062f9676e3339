using Regurgitate.Specs;
using YamlDotNet.RepresentationModel;

namespace Regurgitate.Generators;

/// <summary>
/// A generator described in YAML (a file or an inline fragment), with a `type` of openai, nmt,
/// apertium or file; <see cref="FromNode"/> reads the same mapping inside a larger YAML document.
/// See docs/generators.md for every key.
/// </summary>
public abstract record GeneratorSpec
{
    /// <summary>The `type` key.</summary>
    public abstract string Type { get; }

    /// <summary>The file the spec came from, or null for an inline one.</summary>
    public string? SourceFile { get; init; }

    /// <summary>Builds the generator.</summary>
    public abstract IGenerator Create(GeneratorContext context);

    /// <summary>
    /// Reads <paramref name="pathOrYaml"/>: a spec file when such a file exists, otherwise an
    /// inline YAML fragment (e.g. "{type: apertium, mode: eng-spa}").
    /// </summary>
    public static GeneratorSpec Load(string pathOrYaml)
    {
        if (File.Exists(pathOrYaml)) return Parse(SpecFile.ReadText(pathOrYaml, "generator spec"), pathOrYaml);
        if (Directory.Exists(pathOrYaml))
            throw new InputException("is a directory, not a generator spec file", pathOrYaml, hint: "give a YAML file or an inline spec such as \"{type: apertium, mode: eng-spa}\"");
        if (!pathOrYaml.Contains(':'))
            throw new InputException("generator spec file not found", pathOrYaml, hint: "give a YAML file or an inline spec such as \"{type: apertium, mode: eng-spa}\"");
        return Parse(pathOrYaml, null);
    }

    /// <summary>Parses YAML text; <paramref name="file"/> names it in errors and anchors relative paths (the working directory when null).</summary>
    public static GeneratorSpec Parse(string yaml, string? file)
    {
        if (SpecYaml.LoadRoot(yaml, file) is not YamlMappingNode root)
            throw new InputException("a generator spec must be a YAML mapping with a 'type' key", file ?? "<inline spec>", 1);
        string? directory = file == null ? null : Path.GetDirectoryName(Path.GetFullPath(file));
        return FromNode(root, file, directory);
    }

    /// <summary>Reads a spec embedded in a larger YAML document; relative paths resolve against <paramref name="baseDirectory"/>.</summary>
    public static GeneratorSpec FromNode(YamlMappingNode node, string? file, string? baseDirectory)
    {
        var fields = new SpecNode(node, file);
        string type = fields.String("type", required: true)!;
        string Resolve(string path) => baseDirectory == null || Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
        GeneratorSpec spec = type switch
        {
            "openai" => OpenAIChatSpec.Read(fields, Resolve),
            "apertium" => ApertiumSpec.Read(fields),
            "file" => FileImportSpec.Read(fields, Resolve),
            "nmt" => NmtSpec.Read(fields, Resolve),
            _ => throw fields.Error($"unknown generator type '{type}'", fields.NodeOf("type"), "use openai, nmt, apertium or file"),
        };
        fields.RejectUnknown($"a generator of type {type}");
        return spec with { SourceFile = file };
    }
}
