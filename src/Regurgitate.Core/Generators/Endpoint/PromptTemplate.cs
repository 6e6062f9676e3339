using System.Text;
using System.Text.RegularExpressions;

namespace Regurgitate.Generators;

/// <summary>
/// A translation prompt with {source_lang}, {target_lang} and {source} placeholders. It renders a
/// prompt for a source, and (for `regurg serve`) recovers the source from a rendered prompt.
/// </summary>
public sealed partial class PromptTemplate
{
    /// <summary>The placeholders a template may use.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["source_lang", "target_lang", "source"];

    /// <summary>A plain default, good for instruction-tuned chat models.</summary>
    public const string Default = "Translate this {source_lang} sentence into {target_lang}. Reply with the translation only.\n\n{source}";

    Regex? inverse;

    /// <summary>Parses <paramref name="template"/>; unknown placeholders or a missing {source} are errors.</summary>
    public PromptTemplate(string template)
    {
        foreach (Match m in PlaceholderPattern().Matches(template))
            if (!Placeholders.Contains(m.Groups[1].Value))
                throw new ArgumentException($"unknown placeholder {{{m.Groups[1].Value}}} in the prompt (known: {{source_lang}}, {{target_lang}}, {{source}})");
        if (!template.Contains("{source}", StringComparison.Ordinal))
            throw new ArgumentException("the prompt has no {source} placeholder");
        Text = template;
    }

    /// <summary>The template as written.</summary>
    public string Text { get; }

    /// <summary>The prompt for one source.</summary>
    public string Render(string source, string sourceLanguage, string targetLanguage) =>
        // One pass, so a source that itself contains "{target_lang}" is not expanded.
        PlaceholderPattern().Replace(Text, m => m.Groups[1].Value switch
        {
            "source" => source,
            "source_lang" => sourceLanguage,
            "target_lang" => targetLanguage,
            _ => m.Value,
        });

    /// <summary>Recovers the {source} text from a prompt this template rendered, or null when the prompt does not fit it.</summary>
    public string? ExtractSource(string prompt)
    {
        inverse ??= BuildInverse();
        var match = inverse.Match(prompt.Replace("\r\n", "\n"));
        return match.Success ? match.Groups["source"].Value : null;
    }

    Regex BuildInverse()
    {
        var pattern = new StringBuilder("^");
        int at = 0;
        bool sourceSeen = false;
        foreach (Match m in PlaceholderPattern().Matches(Text))
        {
            pattern.Append(Regex.Escape(Text[at..m.Index].Replace("\r\n", "\n")));
            string name = m.Groups[1].Value;
            pattern.Append(name == "source" && !sourceSeen ? "(?<source>.*?)" : name == "source" ? "\\k<source>" : ".*?");
            sourceSeen |= name == "source";
            at = m.Index + m.Length;
        }
        pattern.Append(Regex.Escape(Text[at..].Replace("\r\n", "\n"))).Append('$');
        return new Regex(pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant);
    }

    [GeneratedRegex(@"\{([a-z_]+)\}")]
    private static partial Regex PlaceholderPattern();

    public override string ToString() => Text;
}
