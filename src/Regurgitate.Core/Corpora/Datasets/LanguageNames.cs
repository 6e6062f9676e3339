using System.Globalization;

namespace Regurgitate.Corpora.Datasets;

/// <summary>English names of language codes, for prompts that say which languages to translate between.</summary>
public static class LanguageNames
{
    /// <summary>"German" for "de"; a code no culture knows stays the code.</summary>
    public static string English(string code)
    {
        try
        {
            string name = CultureInfo.GetCultureInfo(code).EnglishName;
            // Unknown codes come back as themselves or as "Unknown language ...", which is no name for a prompt.
            return name.Equals(code, StringComparison.OrdinalIgnoreCase) || name.StartsWith("Unknown", StringComparison.Ordinal) ? code : name;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }

    /// <summary>
    /// Fills <c>source_lang</c> and <c>target_lang</c> of an `openai`-style mapping from <paramref name="languages"/> where
    /// its prompt needs them and it leaves them out (added to the parsed mapping, so messages keep its lines).
    /// </summary>
    public static void FillPromptLanguages(YamlDotNet.RepresentationModel.YamlMappingNode mapping, LanguagePair languages)
    {
        string? prompt = mapping.Children.TryGetValue(new YamlDotNet.RepresentationModel.YamlScalarNode("prompt"), out var p)
            ? (p as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value : null;
        foreach (var (key, code) in new[] { ("source_lang", languages.Source), ("target_lang", languages.Target) })
            if ((prompt == null || prompt.Contains("{" + key + "}", StringComparison.Ordinal))
                && !mapping.Children.ContainsKey(new YamlDotNet.RepresentationModel.YamlScalarNode(key)))
                mapping.Children.Add(key, English(code));
    }
}
