using System.Globalization;
using Regurgitate.Corpora.Datasets;
using Regurgitate.FineTuning;
using Regurgitate.Generators;
using Regurgitate.Specs;

namespace Regurgitate.Studies;

/// <summary>Per-token prices of a fine-tuning provider, in US dollars per million tokens, as the spec states them.</summary>
/// <param name="Training">Per million training tokens (the training file's tokens times the epochs).</param>
/// <param name="Input">Per million prompt tokens sent to the fine-tuned model.</param>
/// <param name="Output">Per million tokens it generates.</param>
public sealed record TokenPrices(double Training, double Input, double Output);

/// <summary>
/// `student: {type: openai-finetune, ...}`: each cell's student is a model fine-tuned through an OpenAI-compatible
/// fine-tuning API (OpenAI's, or a local `regurg serve --fine-tuning`) on the cell's pairs written as chat
/// examples with the `openai` generator's prompt, then asked to translate the test set through chat completions.
/// The chat keys are the `openai` generator's (base_url, model: the base model to fine-tune, prompt, system,
/// api_key_env, ...); the rest set the job and the money.
/// </summary>
public sealed record ApiStudentSpec(OpenAIChatSettings Chat)
{
    /// <summary>The spec's `type`.</summary>
    public const string Type = "openai-finetune";

    /// <summary>Epochs over the training file (n_epochs); null lets the provider choose.</summary>
    public int? Epochs { get; init; }
    /// <summary>Batch size; null lets the provider choose.</summary>
    public int? BatchSize { get; init; }
    /// <summary>Learning-rate multiplier; null lets the provider choose.</summary>
    public double? LearningRateMultiplier { get; init; }
    /// <summary>Validation examples, drawn from the study's validation set (0: no validation file).</summary>
    public int ValidationPairs { get; init; } = 100;
    /// <summary>First wait between polls of a running job; it doubles up to <see cref="PollMax"/>.</summary>
    public TimeSpan PollInitial { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Longest wait between polls.</summary>
    public TimeSpan PollMax { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>The provider's prices, for the estimate `study plan` shows and the confirmation gate; null: tokens only.</summary>
    public TokenPrices? Prices { get; init; }
    /// <summary>`study run` asks for --yes when the estimated cost of the API cells still to run exceeds this (US dollars).</summary>
    public double? ConfirmAbove { get; init; }

    /// <summary>Epochs assumed for estimates when the provider chooses (OpenAI's usual choice for a few thousand examples).</summary>
    public const int AssumedEpochs = 3;

    /// <summary>Canonical form for artifact keys: what changes the fine-tuned model or its translations (never the key's variable).</summary>
    public string Key => string.Join(";", "openai-finetune", $"url={Chat.BaseUrl}", $"model={Chat.Model}", $"prompt={Chat.Prompt.Text}",
        $"system={Chat.System}", $"langs={Chat.SourceLanguage}>{Chat.TargetLanguage}", $"epochs={Epochs}", $"batch={BatchSize}",
        $"lrm={LearningRateMultiplier:R}", $"seed={Chat.Seed}", $"valid={ValidationPairs}", $"temperature={Chat.Temperature:R}", $"max_tokens={Chat.MaxTokens}");

    /// <summary>The student in words, for run.json and the report.</summary>
    public string Describe() =>
        $"{Chat.Model} fine-tuned through {Chat.BaseUrl} ({(Epochs is int e ? $"{e} epochs" : "epochs chosen by the provider")}"
        + (LearningRateMultiplier is double m ? string.Create(CultureInfo.InvariantCulture, $", lr multiplier {m}") : "")
        + (BatchSize is int b ? $", batch {b}" : "") + ")";

    internal static ApiStudentSpec Read(SpecNode node, string baseDirectory, LanguagePair? languages)
    {
        string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
        // The prompt's language names default to the study's direction, so a spec need not repeat them.
        if (languages is LanguagePair pair) LanguageNames.FillPromptLanguages(node.Node, pair);
        var fields = new SpecNode(node.Node, node.File, node.Path);
        fields.String("type");
        var chat = OpenAIChatSpec.Read(fields, Resolve).Settings;
        TokenPrices? tokenPrices = null;
        if (fields.Mapping("prices") is SpecNode prices)
        {
            double Price(string key) => prices.Double(key, min: 0)
                ?? throw prices.Error($"'{prices.Path}.{key}' is missing", hint: "give training, input and output, in US dollars per million tokens");
            tokenPrices = new TokenPrices(Price("training"), Price("input"), Price("output"));
            prices.RejectUnknown("prices (US dollars per million tokens: training, input, output)");
        }
        double? confirmAbove = fields.Double("confirm_above", min: 0);
        if (confirmAbove != null && tokenPrices == null)
            throw fields.Error("'confirm_above' needs 'prices' to estimate a cost from", fields.NodeOf("confirm_above"), "add prices: {training: .., input: .., output: ..} (US dollars per million tokens)");
        // Examples carry a system message (the fine-tuning format's); the fine-tuned model is asked with the same one.
        var spec = new ApiStudentSpec(chat with { Name = chat.Name ?? "student", System = chat.System ?? ChatFineTuningFormat.DefaultSystem })
        {
            Epochs = fields.Int("epochs", min: 1),
            BatchSize = fields.Int("batch_size", min: 1),
            LearningRateMultiplier = fields.Double("learning_rate_multiplier", min: 0, exclusiveMin: true),
            ValidationPairs = fields.Int("validation_pairs", min: 0) ?? 100,
            Prices = tokenPrices,
            ConfirmAbove = confirmAbove,
        };
        if (fields.Double("poll_initial_s", min: 0.01) is double first) spec = spec with { PollInitial = TimeSpan.FromSeconds(first) };
        if (fields.Double("poll_max_s", min: 0.01) is double most) spec = spec with { PollMax = TimeSpan.FromSeconds(most) };
        fields.RejectUnknown($"a student of type {Type}");
        return spec;
    }
}
