using Regurgitate.Specs;

namespace Regurgitate.Generators;

/// <summary>`type: openai`: an OpenAI-compatible chat endpoint.</summary>
public sealed record OpenAIChatSpec(OpenAIChatSettings Settings) : GeneratorSpec
{
    public override string Type => "openai";

    public override IGenerator Create(GeneratorContext context) => new OpenAIChatGenerator(Settings, context.OnRetry);

    /// <summary>Reads the keys of an OpenAI-compatible endpoint from <paramref name="fields"/> (also used for an API student in a study spec).</summary>
    public static OpenAIChatSpec Read(SpecNode fields, Func<string, string> resolve)
    {
        string baseUrl = fields.String("base_url", required: true)!;
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw fields.Error($"base_url must be an http(s) URL, not '{baseUrl}'", fields.NodeOf("base_url"));
        string model = fields.String("model", required: true)!;
        string promptText = fields.String("prompt") ?? PromptTemplate.Default;
        PromptTemplate prompt;
        try { prompt = new PromptTemplate(promptText); }
        catch (ArgumentException e) { throw fields.Error(e.Message, fields.NodeOf("prompt")); }
        string? sourceLanguage = fields.String("source_lang");
        string? targetLanguage = fields.String("target_lang");
        if (sourceLanguage == null && promptText.Contains("{source_lang}", StringComparison.Ordinal))
            throw fields.Error("the prompt uses {source_lang} but the spec has no source_lang");
        if (targetLanguage == null && promptText.Contains("{target_lang}", StringComparison.Ordinal))
            throw fields.Error("the prompt uses {target_lang} but the spec has no target_lang");
        string? apiKeyEnv = fields.String("api_key_env");
        if (apiKeyEnv != null)
        {
            try { ApiKeyVariable.Check(apiKeyEnv, "api_key_env"); }
            catch (InputException e) { throw fields.Error(e.Problem, fields.NodeOf("api_key_env"), e.Hint); }
        }
        if (fields.String("api_key") != null)
            throw fields.Error("api_key must not be written in a spec", fields.NodeOf("api_key"), "put the key in an environment variable and name it with api_key_env");

        var settings = new OpenAIChatSettings(uri, model, prompt, sourceLanguage ?? "", targetLanguage ?? "")
        {
            Name = fields.String("name"),
            System = fields.String("system"),
            Temperature = (float?)fields.Double("temperature", min: 0),
            MaxTokens = fields.Int("max_tokens", min: 1),
            Seed = fields.Long("seed"),
            LogProbabilities = fields.Bool("logprobs") ?? false,
            Concurrency = fields.Int("concurrency", min: 1) ?? 4,
            MaxRetries = fields.Int("max_retries", min: 0) ?? 6,
            ApiKeyEnvironmentVariable = apiKeyEnv,
        };
        if (fields.Double("timeout_s", min: 0.001) is double timeout) settings = settings with { Timeout = TimeSpan.FromSeconds(timeout) };
        double? backoffBase = fields.Double("backoff_base_s", min: 0);
        double? backoffMax = fields.Double("backoff_max_s", min: 0);
        if (backoffBase != null || backoffMax != null)
            settings = settings with
            {
                Backoff = new RetryBackoff(
                    backoffBase is double b ? TimeSpan.FromSeconds(b) : RetryBackoff.Default.BaseDelay,
                    backoffMax is double m ? TimeSpan.FromSeconds(m) : RetryBackoff.Default.MaxDelay),
            };
        if (fields.String("cache") is string cache) settings = settings with { CacheDirectory = resolve(cache) };
        return new OpenAIChatSpec(settings);
    }
}
