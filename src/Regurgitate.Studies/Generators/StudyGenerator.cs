using Regurgitate.Corpora.Datasets;
using System.Text;
using Regurgitate.Generators;
using YamlDotNet.RepresentationModel;
using Regurgitate.Specs;

namespace Regurgitate.Studies;

/// <summary>
/// A generator of a study: a teacher the study trains itself on human pairs kept apart from the students'
/// sources (<c>type: teacher</c>), or any `regurg generate` spec (openai, nmt, apertium, file).
/// </summary>
/// <param name="Name">The key under <c>generators:</c>, which conditions refer to.</param>
/// <param name="Line">The spec line, for messages.</param>
public abstract record StudyGenerator(string Name, long Line)
{
    /// <summary>The generator's type as written in the spec.</summary>
    public abstract string Type { get; }
    /// <summary>Canonical settings, part of every key that depends on this generator's output.</summary>
    public abstract string Key { get; }
    /// <summary>One line for generators.jsonl.</summary>
    public abstract string Description { get; }

    internal static StudyGenerator Read(string name, YamlNode node, string file, string baseDirectory, LanguagePair languages)
    {
        if (node is not YamlMappingNode mapping)
            throw SpecNode.ErrorAt(file, node, $"generator '{name}' must be a mapping with a 'type' key", "e.g. {type: teacher, pairs: 2000}");
        var type = mapping.Children.TryGetValue(new YamlScalarNode("type"), out var t) ? (t as YamlScalarNode)?.Value : null;
        if (type == "teacher") return TeacherGenerator.Read(name, new SpecNode(mapping, file, $"generators.{name}"), baseDirectory);
        // An endpoint's prompt names the study's languages unless the spec names them itself.
        if (type == "openai") LanguageNames.FillPromptLanguages(mapping, languages);
        GeneratorSpec spec;
        try
        {
            spec = GeneratorSpec.FromNode(mapping, file, baseDirectory);
        }
        catch (InputException e) when (e.Problem.StartsWith("unknown generator type", StringComparison.Ordinal))
        {
            throw new InputException($"generator '{name}': {e.Problem}", file, e.Line, "use teacher, openai, nmt, apertium or file");
        }
        return new ExternalGenerator(name, node.Start.Line, spec, Canonical(mapping));
    }

    /// <summary>A YAML node as canonical text (keys sorted), so formatting changes do not change keys.</summary>
    internal static string Canonical(YamlNode node)
    {
        var text = new StringBuilder();
        void Write(YamlNode n)
        {
            switch (n)
            {
                case YamlScalarNode s: text.Append('"').Append(s.Value?.Replace("\"", "\\\"")).Append('"'); break;
                case YamlSequenceNode seq:
                    text.Append('[');
                    foreach (var item in seq.Children) { Write(item); text.Append(','); }
                    text.Append(']');
                    break;
                case YamlMappingNode map:
                    text.Append('{');
                    foreach (var (k, v) in map.Children.OrderBy(kv => ((YamlScalarNode)kv.Key).Value, StringComparer.Ordinal))
                    {
                        Write(k);
                        text.Append(':');
                        Write(v);
                        text.Append(',');
                    }
                    text.Append('}');
                    break;
            }
        }
        Write(node);
        return text.ToString();
    }
}
