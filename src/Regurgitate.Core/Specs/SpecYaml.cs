using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Regurgitate.Specs;

/// <summary>Parses the YAML text of a spec, turning every syntax error into one <see cref="InputException"/> with its line.</summary>
public static class SpecYaml
{
    /// <summary>
    /// The root node of <paramref name="yaml"/>'s first document (null for an empty text); <paramref name="file"/>
    /// names the spec in errors (null: a spec given inline).
    /// </summary>
    public static YamlNode? LoadRoot(string yaml, string? file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new InputException($"invalid YAML: {e.Message.Split('\n')[0]}", file ?? "<inline spec>", e.Start.Line, inner: e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections ("key: [a, b").
            throw new InputException("invalid YAML: a '[' or '{' that is never closed", file ?? "<inline spec>", UnclosedBracketLine(yaml), inner: e);
        }
        return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
    }

    /// <summary>The line of the first '[' or '{' left open (outside quotes and comments), or the last line.</summary>
    static int UnclosedBracketLine(string yaml)
    {
        var open = new Stack<int>();
        string[] lines = yaml.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            char quote = '\0';
            for (int i = 0; i < lines[n].Length; i++)
            {
                char c = lines[n][i];
                if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
                if (c is '"' or '\'') quote = c;
                else if (c == '#' && (i == 0 || char.IsWhiteSpace(lines[n][i - 1]))) break;
                else if (c is '[' or '{') open.Push(n + 1);
                else if (c is ']' or '}' && open.Count > 0) open.Pop();
            }
        }
        return open.Count > 0 ? open.Last() : lines.Length;
    }
}
