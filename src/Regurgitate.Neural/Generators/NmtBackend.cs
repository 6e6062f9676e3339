using System.Globalization;
using Regurgitate.Decoding;

namespace Regurgitate.Generators;

/// <summary>One of our checkpoints as an <see cref="ITranslationBackend"/>: what `regurg serve --checkpoint` and NMT generators run on.</summary>
public sealed class NmtBackend : ITranslationBackend
{
    readonly Translator translator;
    readonly DecodingOptions options;
    // A model is one set of tensors: concurrent HTTP requests take turns (each call already batches internally).
    readonly SemaphoreSlim turn = new(1, 1);

    /// <param name="translator">The loaded model; disposed with this backend.</param>
    /// <param name="options">How to decode.</param>
    /// <param name="name">Model name; defaults to "nmt:{folder}".</param>
    /// <param name="checkpoint">The checkpoint path, for provenance.</param>
    public NmtBackend(Translator translator, DecodingOptions options, string checkpoint, string? name = null)
    {
        this.translator = translator;
        this.options = options.Validated();
        Name = name ?? "nmt:" + Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(checkpoint)));
        var settings = new Dictionary<string, string>
        {
            ["checkpoint"] = checkpoint,
            ["search"] = DecodingStrategyNames.NameOf(options.Strategy),
            ["max_len"] = string.Create(CultureInfo.InvariantCulture, $"{options.MaxLengthA}*src+{options.MaxLengthB}"),
        };
        if (options.Strategy == DecodingStrategy.Beam)
        {
            settings["beam"] = options.BeamSize.ToString(CultureInfo.InvariantCulture);
            settings["length_penalty"] = options.LengthPenalty.ToString("R", CultureInfo.InvariantCulture);
        }
        if (options.Strategy == DecodingStrategy.Sample)
        {
            settings["temperature"] = options.Temperature.ToString("R", CultureInfo.InvariantCulture);
            settings["top_k"] = options.TopK.ToString(CultureInfo.InvariantCulture);
            settings["top_p"] = options.TopP.ToString("R", CultureInfo.InvariantCulture);
            settings["seed"] = options.Seed.ToString(CultureInfo.InvariantCulture);
        }
        Settings = settings;
    }

    /// <summary>Loads a checkpoint (run directory or checkpoint directory) on a device.</summary>
    public static NmtBackend Load(string checkpoint, DecodingOptions options, string device = "cpu", string? name = null) =>
        new(Translator.Load(checkpoint, device), options, checkpoint, name);

    /// <summary>Loads what an `nmt` generator spec describes.</summary>
    public static NmtBackend Load(NmtSpec spec) => Load(spec.Checkpoint, spec.Decoding, spec.Device, spec.Name);

    public string Name { get; }
    public IReadOnlyDictionary<string, string> Settings { get; }

    public async Task<IReadOnlyList<BackendTranslation>> TranslateAsync(IReadOnlyList<string> sources, CancellationToken cancellationToken = default)
    {
        await turn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            cancellationToken.ThrowIfCancellationRequested();
            // On the caller's thread, not Task.Run's: libtorch called from another thread gets an OpenMP team of its
            // own, and once a process has more OpenMP threads than cores libgomp stops spinning for good, which made
            // every student trained after a teacher's generation in the same process 1.5x slower (BENCHMARKS.md).
            var translations = translator.Translate(sources, options);
            // Token counts in the model's own subwords (EOS included on both sides), like an API's usage.
            return translations
                .Select((t, i) => new BackendTranslation(t.Text, t.LogProbability, null, translator.Tokenizer.Encode(sources[i]).Count + 1, t.TokenCount))
                .ToList();
        }
        finally
        {
            turn.Release();
        }
    }

    public void Dispose()
    {
        translator.Dispose();
        turn.Dispose();
    }
}
