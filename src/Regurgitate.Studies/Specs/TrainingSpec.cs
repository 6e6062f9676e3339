using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Specs;

namespace Regurgitate.Studies;

/// <summary>How a model is trained in a study: a student (one per cell) or a teacher the study trains itself.</summary>
public sealed record TrainingSpec
{
    /// <summary>Architecture preset.</summary>
    public string Preset { get; init; } = "tiny";
    /// <summary>Joint BPE size, when the study trains the tokenizer.</summary>
    public int VocabularySize { get; init; } = 4000;
    /// <summary>An existing tokenizer.json instead of training one.</summary>
    public string? TokenizerPath { get; init; }
    /// <summary>Epoch limit.</summary>
    public int Epochs { get; init; } = 25;
    /// <summary>Update limit, or null.</summary>
    public long? Updates { get; init; }
    /// <summary>Minute limit, or null (not reproducible: the machine's speed decides where it stops).</summary>
    public double? Minutes { get; init; }
    /// <summary>Early stopping: epochs without a lower validation loss; 0: off.</summary>
    public int Patience { get; init; } = 5;
    /// <summary>Tokens per batch.</summary>
    public int BatchTokens { get; init; } = 2048;
    /// <summary>Peak learning rate.</summary>
    public double LearningRate { get; init; } = 7e-4;
    /// <summary>Warm-up updates.</summary>
    public int Warmup { get; init; } = 4000;
    /// <summary>How the test set is translated (and, for teachers, the student pool generated): greedy or beam, from the spec's `search` and `beam_size`.</summary>
    public DecodingOptions Decoding { get; init; } = DecodingOptions.Defaults with { Strategy = DecodingStrategy.Greedy };
    /// <summary>A checkpoint (or run directory) to fine-tune instead of starting from random weights.</summary>
    public string? Init { get; init; }

    /// <summary>Canonical form for artifact keys: every setting that changes the trained model or its outputs.</summary>
    public string Key => string.Join(";", $"preset={Preset}", $"vocab={VocabularySize}", $"tokenizer={TokenizerPath}", $"epochs={Epochs}",
        $"updates={Updates}", $"minutes={Minutes}", $"patience={Patience}", $"batch={BatchTokens}", $"lr={LearningRate:R}", $"warmup={Warmup}", $"init={Init}");

    /// <summary>Canonical decoding settings for artifact keys.</summary>
    public string DecodingKey => Decoding.Strategy == DecodingStrategy.Beam ? $"beam{Decoding.BeamSize}" : "greedy";

    /// <summary>The decoding in words: "greedy" or "beam 5".</summary>
    public string DescribeDecoding() => Decoding.Strategy == DecodingStrategy.Beam ? $"beam {Decoding.BeamSize}" : "greedy";

    /// <summary>The budget in words, for run.json.</summary>
    public string DescribeBudget()
    {
        var parts = new List<string> { $"{Epochs} epochs" };
        if (Updates != null) parts.Add($"at most {Updates} updates");
        if (Minutes != null) parts.Add($"at most {Minutes} minutes");
        string stop = Patience > 0 ? $"early stopping on validation loss (patience {Patience})" : "no early stopping (best validation loss kept)";
        return $"{string.Join(", ", parts)}, {stop}; batch {BatchTokens} tokens, lr {LearningRate}, warm-up {Warmup}";
    }

    internal static TrainingSpec Read(SpecNode node, string baseDirectory, TrainingSpec defaults, bool allowInit)
    {
        string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
        string preset = node.String("preset") ?? defaults.Preset;
        if (!ModelConfig.PresetNames.Contains(preset))
            throw node.Error($"unknown model preset '{preset}' in '{node.Path}.preset'", node.NodeOf("preset"), "use one of " + string.Join(", ", ModelConfig.PresetNames));
        string? tokenizer = node.String("tokenizer");
        if (tokenizer != null)
        {
            tokenizer = Resolve(tokenizer);
            if (!File.Exists(tokenizer)) throw node.Error($"'{node.Path}.tokenizer': file not found: {tokenizer}", node.NodeOf("tokenizer"));
        }
        string search = node.String("search") ?? DecodingStrategyNames.NameOf(defaults.Decoding.Strategy);
        if (search is not ("greedy" or "beam"))
            throw node.Error($"'{node.Path}.search' must be greedy or beam, not '{search}'", node.NodeOf("search"));
        string? init = allowInit ? node.String("init") : null;
        if (init != null)
        {
            init = Resolve(init);
            if (!Directory.Exists(init)) throw node.Error($"'{node.Path}.init': no such checkpoint or run directory: {init}", node.NodeOf("init"));
        }
        return new TrainingSpec
        {
            Preset = preset,
            VocabularySize = node.Int("vocab_size", min: 260) ?? defaults.VocabularySize,
            TokenizerPath = tokenizer,
            Epochs = node.Int("epochs", min: 1) ?? defaults.Epochs,
            Updates = node.Int("updates", min: 1) ?? defaults.Updates,
            Minutes = node.Double("minutes", min: 0, exclusiveMin: true) ?? defaults.Minutes,
            Patience = node.Int("patience", min: 0) ?? defaults.Patience,
            BatchTokens = node.Int("batch_tokens", min: 64) ?? defaults.BatchTokens,
            LearningRate = node.Double("lr", min: 0, exclusiveMin: true) ?? defaults.LearningRate,
            Warmup = node.Int("warmup", min: 1) ?? defaults.Warmup,
            Decoding = defaults.Decoding with
            {
                Strategy = DecodingStrategyNames.Parse(search)!.Value,
                BeamSize = node.Int("beam_size", min: 1) ?? defaults.Decoding.BeamSize,
            },
            Init = init,
        };
    }
}
