using System.CommandLine;
using Regurgitate.FineTuning;
using Regurgitate.Generators;

namespace Regurgitate.Cli;

/// <summary>
/// Where `regurg finetune` sends its requests: <c>--base-url</c> (default: a local `regurg serve --fine-tuning` on
/// port 8080, so nothing reaches a paid provider unless asked) and <c>--api-key-env</c> (the name of the variable
/// holding the key; the key itself is never an argument).
/// </summary>
internal sealed class FineTuningEndpointArguments
{
    /// <summary>The default API base: `regurg serve --fine-tuning` on its default port.</summary>
    public const string LocalBaseUrl = "http://127.0.0.1:8080/v1";

    public Option<string> BaseUrl { get; } = new("--base-url")
    {
        Description = $"API base of the provider, e.g. https://api.openai.com/v1 (default: {LocalBaseUrl}, a local `regurg serve --fine-tuning`)",
        DefaultValueFactory = _ => LocalBaseUrl,
    };
    public Option<string?> ApiKeyEnv { get; } = new("--api-key-env") { Description = "name of the environment variable that holds the API key (e.g. OPENAI_API_KEY); never the key itself" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public FineTuningEndpointArguments AddTo(Command command)
    {
        command.Options.Add(BaseUrl);
        command.Options.Add(ApiKeyEnv);
        return this;
    }

    /// <summary>The API base given, checked.</summary>
    public Uri Url(ParseResult parse)
    {
        string text = parse.GetValue(BaseUrl)!;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            throw new InputException($"--base-url must be an http(s) URL, not '{text}'");
        return uri;
    }

    /// <summary>The key variable's name, checked (its value is read by the client, and never printed).</summary>
    public string? KeyVariable(ParseResult parse) =>
        parse.GetValue(ApiKeyEnv) is string name ? ApiKeyVariable.Check(name, "--api-key-env") : null;

    /// <summary>The fine-tuning client these options describe; <paramref name="log"/> hears about retries and status changes.</summary>
    public FineTuningEndpoint Endpoint(ParseResult parse, Action<string>? log = null) =>
        new(new FineTuningEndpointSettings(Url(parse)) { ApiKeyEnvironmentVariable = KeyVariable(parse) }, log);
}
