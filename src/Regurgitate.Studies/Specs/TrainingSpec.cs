using System.Globalization;
using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Settings;
using Regurgitate.Specs;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>
/// How a model is trained in a study: a student (one per cell) or a teacher the study trains itself. Its training
/// and decoding settings are <see cref="TrainingOptions"/> and <see cref="DecodingOptions"/>, declared once there
/// (default, range, help, key); a spec sets the subset <see cref="TrainingSettings"/> and <see cref="DecodingSettings"/>
/// by their declared keys, and the study's own defaults are the few overrides of <see cref="StudyTraining"/>.
/// </summary>
public sealed record TrainingSpec
{
    /// <summary>
    /// The study profile: `regurg train`'s defaults except where a study differs, the one place these differences
    /// are declared (docs/studies.md lists them): smaller batches and fewer epochs, which keep small students on a
    /// CPU short, and validation by loss only, because greedy BLEU decoding of the validation set would dominate
    /// small runs. The seed is each cell's (students) or each teacher's.
    /// </summary>
    public static TrainingOptions StudyTraining { get; } = new() { BatchTokens = 2048, MaxEpochs = 25, ValidateBleu = false };

    /// <summary>The training settings a spec's student or teacher may set (by their declared keys: epochs, batch_tokens, lr, ...).</summary>
    public static IReadOnlyList<string> TrainingSettings { get; } =
    [
        nameof(TrainingOptions.MaxEpochs), nameof(TrainingOptions.MaxUpdates), nameof(TrainingOptions.MaxMinutes), nameof(TrainingOptions.Patience),
        nameof(TrainingOptions.BatchTokens), nameof(TrainingOptions.LearningRate), nameof(TrainingOptions.WarmupSteps),
        nameof(TrainingOptions.Precision),
    ];

    /// <summary>The decoding settings a spec's student or teacher may set: search (one of <see cref="Searches"/>) and beam_size.</summary>
    public static IReadOnlyList<string> DecodingSettings { get; } = [nameof(DecodingOptions.Strategy), nameof(DecodingOptions.BeamSize)];

    /// <summary>The searches a study decodes with: it scores one translation of the test set per model, so it does not sample.</summary>
    public static IReadOnlyList<DecodingStrategy> Searches { get; } = [DecodingStrategy.Greedy, DecodingStrategy.Beam];

    /// <summary>Architecture preset.</summary>
    public string Preset { get; init; } = ModelPresets.Tiny;
    /// <summary>Joint BPE size, when the study trains the tokenizer.</summary>
    public int VocabularySize { get; init; } = 4000;
    /// <summary>An existing tokenizer.json instead of training one.</summary>
    public string? TokenizerPath { get; init; }
    /// <summary>Batching, optimizer, schedule and stopping (<see cref="StudyTraining"/> where the spec is silent).</summary>
    public TrainingOptions Options { get; init; } = StudyTraining;
    /// <summary>How the test set is translated (and, for teachers, the student pool generated): greedy or beam, from the spec's `search` and `beam_size`.</summary>
    public DecodingOptions Decoding { get; init; } = DecodingOptions.Greedy;
    /// <summary>A checkpoint (or run directory) to fine-tune instead of starting from random weights.</summary>
    public string? Init { get; init; }

    /// <summary>The options one training run gets: <see cref="Options"/> with the cell's or teacher's seed.</summary>
    public TrainingOptions OptionsFor(long seed) => Options with { Seed = seed };

    /// <summary>
    /// Canonical form for artifact keys: the model's own settings and the canonical serialization of every training
    /// setting that defines the result (the seed in it is the profile's; each key adds the run's own seed beside it).
    /// </summary>
    public string Key => string.Join(";", $"preset={Preset}", $"vocab_size={VocabularySize.ToString(CultureInfo.InvariantCulture)}",
        $"tokenizer={TokenizerPath}", $"init={Init}", SettingsBinder.Canonical(Options));

    /// <summary>Canonical decoding settings for artifact keys.</summary>
    public string DecodingKey => SettingsBinder.Canonical(Decoding);

    /// <summary>The decoding in words: "greedy" or "beam 5".</summary>
    public string DescribeDecoding() => Decoding.Strategy == DecodingStrategy.Beam ? $"beam {Decoding.BeamSize}" : "greedy";

    /// <summary>The budget in words, for run.json.</summary>
    public string DescribeBudget()
    {
        var o = Options;
        var parts = new List<string> { $"{o.MaxEpochs} epochs" };
        if (o.MaxUpdates != null) parts.Add($"at most {o.MaxUpdates} updates");
        if (o.MaxMinutes != null) parts.Add($"at most {o.MaxMinutes} minutes");
        string stop = o.Patience > 0 ? $"early stopping on validation loss (patience {o.Patience})" : "no early stopping (best validation loss kept)";
        return $"{string.Join(", ", parts)}, {stop}; batch {o.BatchTokens} tokens, lr {o.LearningRate}, warm-up {o.WarmupSteps}";
    }

    internal static TrainingSpec Read(SpecNode node, string baseDirectory, TrainingSpec defaults, bool allowInit)
    {
        string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
        string preset = node.String("preset") ?? defaults.Preset;
        if (!ModelPresets.Names.Contains(preset))
            throw node.Error($"unknown model preset '{preset}' in '{node.Path}.preset'", node.NodeOf("preset"), "use one of " + string.Join(", ", ModelPresets.Names));
        string? tokenizer = node.String("tokenizer");
        if (tokenizer != null)
        {
            tokenizer = Resolve(tokenizer);
            if (!File.Exists(tokenizer)) throw node.Error($"'{node.Path}.tokenizer': file not found: {tokenizer}", node.NodeOf("tokenizer"));
        }
        var decoding = SettingsBinder.Read(node, defaults.Decoding, DecodingSettings);
        if (!Searches.Contains(decoding.Strategy))
        {
            var search = SettingsBinder.Named<DecodingOptions>(nameof(DecodingOptions.Strategy));
            throw node.Error($"'{node.Qualified(search.Key)}' must be {string.Join(" or ", Searches.Select(v => search.Format(v)))}, not '{node.String(search.Key)}'",
                node.NodeOf(search.Key));
        }
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
            Options = SettingsBinder.Read(node, defaults.Options, TrainingSettings),
            Decoding = decoding,
            Init = init,
        };
    }
}
