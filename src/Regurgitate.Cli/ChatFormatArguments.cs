using System.CommandLine;
using System.Globalization;
using Regurgitate.Corpora;
using Regurgitate.FineTuning;
using Regurgitate.Generators;

namespace Regurgitate.Cli;

/// <summary>
/// How `regurg finetune export` writes examples and `evaluate` asks the fine-tuned model, the same for both:
/// <c>--prompt</c> (the `openai` generator's template), <c>--system</c>, <c>--source-lang</c>/<c>--target-lang</c>
/// (language names for the prompt; default: the English names of the corpus's language codes).
/// </summary>
internal sealed class ChatFormatArguments
{
    public Option<string?> Prompt { get; } = new("--prompt") { Description = "user message template with {source_lang}, {target_lang}, {source} (default: the `openai` generator's default prompt)" };
    public Option<string?> System { get; } = new("--system") { Description = $"system message of every example (default: \"{ChatFineTuningFormat.DefaultSystem}\"; \"\" for none)" };
    public Option<string?> SourceLanguage { get; } = new("--source-lang") { Description = "source language name for the prompt, e.g. German (default: from the corpus's language code)" };
    public Option<string?> TargetLanguage { get; } = new("--target-lang") { Description = "target language name for the prompt, e.g. English (default: from the corpus's language code)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public ChatFormatArguments AddTo(Command command)
    {
        foreach (var option in new[] { Prompt, System, SourceLanguage, TargetLanguage }) command.Options.Add(option);
        return this;
    }

    /// <summary>The format the options describe, with language names from <paramref name="corpus"/> where not given.</summary>
    public ChatFineTuningFormat Format(ParseResult parse, Corpus corpus)
    {
        PromptTemplate template;
        try { template = new PromptTemplate((parse.GetValue(Prompt) ?? PromptTemplate.Default).Replace("\\n", "\n", StringComparison.Ordinal)); }
        catch (ArgumentException e) { throw new InputException($"--prompt: {e.Message}"); }
        string source = parse.GetValue(SourceLanguage) ?? NameOf(corpus.SourceLanguage, "--source-lang", template);
        string target = parse.GetValue(TargetLanguage) ?? NameOf(corpus.TargetLanguage, "--target-lang", template);
        string? system = parse.GetValue(System) is string s ? (s.Length == 0 ? null : s) : ChatFineTuningFormat.DefaultSystem;
        return new ChatFineTuningFormat(template, source, target) { System = system };
    }

    static string NameOf(string? code, string option, PromptTemplate template)
    {
        string placeholder = option == "--source-lang" ? "{source_lang}" : "{target_lang}";
        if (!template.Text.Contains(placeholder, StringComparison.Ordinal)) return "";
        if (code != null)
        {
            try
            {
                string name = CultureInfo.GetCultureInfo(code).EnglishName;
                // Unknown codes come back as themselves (or "Unknown language ..."), which is no name for a prompt.
                if (!name.Equals(code, StringComparison.OrdinalIgnoreCase) && !name.StartsWith("Unknown", StringComparison.Ordinal)) return name;
            }
            catch (CultureNotFoundException) { }
        }
        throw new InputException($"the prompt needs {placeholder}, and the corpus does not say its language", hint: $"give {option}, e.g. {option} {(option == "--source-lang" ? "German" : "English")}");
    }
}
