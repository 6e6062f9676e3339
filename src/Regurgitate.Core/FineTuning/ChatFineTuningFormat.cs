using System.Text.Json.Nodes;
using Regurgitate.Generators;

namespace Regurgitate.FineTuning;

/// <summary>
/// How a translation pair becomes a chat fine-tuning example (system, user, assistant): the user message is the
/// `openai` generator's prompt template rendered for the source, so a model fine-tuned on these examples is
/// asked at test time exactly as it was taught (<see cref="ChatSettings"/> builds the generator's settings).
/// </summary>
/// <param name="Prompt">The user message template, as the `openai` generator's `prompt`.</param>
/// <param name="SourceLanguage">Fills {source_lang}, e.g. "German".</param>
/// <param name="TargetLanguage">Fills {target_lang}, e.g. "English".</param>
public sealed record ChatFineTuningFormat(PromptTemplate Prompt, string SourceLanguage, string TargetLanguage)
{
    /// <summary>The system message of every example unless another is given; short, since every example pays for it in tokens.</summary>
    public const string DefaultSystem = "You are a translation system.";

    /// <summary>The system message; null leaves it out (then test-time requests must leave it out too).</summary>
    public string? System { get; init; } = DefaultSystem;

    /// <summary>The default prompt template between two languages.</summary>
    public static ChatFineTuningFormat Default(string sourceLanguage, string targetLanguage) =>
        new(new PromptTemplate(PromptTemplate.Default), sourceLanguage, targetLanguage);

    /// <summary>The chat messages of one example: system (if any), user (the rendered prompt), and assistant (the target).</summary>
    public JsonArray Messages(string source, string target)
    {
        var messages = new JsonArray();
        if (System != null) messages.Add(new JsonObject { ["role"] = "system", ["content"] = System });
        messages.Add(new JsonObject { ["role"] = "user", ["content"] = Prompt.Render(source, SourceLanguage, TargetLanguage) });
        messages.Add(new JsonObject { ["role"] = "assistant", ["content"] = target });
        return messages;
    }

    /// <summary>Settings of the `openai` generator that asks <paramref name="model"/> as this format taught it (same prompt, same system message).</summary>
    public OpenAIChatSettings ChatSettings(Uri baseUrl, string model) =>
        new(baseUrl, model, Prompt, SourceLanguage, TargetLanguage) { System = System };
}
