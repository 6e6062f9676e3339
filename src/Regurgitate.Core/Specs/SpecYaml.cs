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
            // YamlDotNet places a tab in indentation at the end of the token before it, often the line above.
            long line = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? TabLine(yaml, e.Start.Line) : e.Start.Line;
            throw new InputException($"invalid YAML: {e.Message.Split('\n')[0]}", file ?? "<inline spec>", line,
                line != e.Start.Line ? "indent with spaces; YAML does not allow tabs there" : null, e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this, without a position, on some unclosed flow collections ("key: [a, b").
            throw new InputException("invalid YAML: a '[' or '{' that is never closed", file ?? "<inline spec>", UnclosedBracketLine(yaml), inner: e);
        }
        if (stream.Documents.Count == 0) return null;
        // A second document would be silently ignored, and whatever it says with it.
        if (stream.Documents.Skip(1).FirstOrDefault(d => !SpecNode.IsNull(d.RootNode)) is YamlDocument second)
            throw new InputException("a spec is one YAML document, but a second one ('---') follows", file ?? "<inline spec>",
                SecondDocumentLine(yaml, stream.Documents[0].RootNode.End.Line, second.RootNode.Start.Line), "remove the '---' and what follows it, or merge it into the first document");
        return stream.Documents[0].RootNode;
    }

    /// <summary>The first line from <paramref name="from"/> on whose indentation holds a tab, or <paramref name="from"/>.</summary>
    static long TabLine(string yaml, long from)
    {
        string[] lines = yaml.Split('\n');
        for (long n = Math.Max(from, 1); n <= lines.Length; n++)
        {
            string line = lines[n - 1];
            int content = 0;
            while (content < line.Length && line[content] is ' ' or '\t') content++;
            if (line.AsSpan(0, content).Contains('\t')) return n;
        }
        return from;
    }

    /// <summary>The line of the '---' that starts the second document: the first at or after the first document's end.</summary>
    static long SecondDocumentLine(string yaml, long firstEnd, long fallback)
    {
        string[] lines = yaml.Split('\n');
        for (long n = Math.Max(firstEnd, 1); n <= lines.Length; n++)
            if (lines[n - 1].TrimEnd('\r') is "---" || lines[n - 1].StartsWith("--- ", StringComparison.Ordinal)) return n;
        return fallback;
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
