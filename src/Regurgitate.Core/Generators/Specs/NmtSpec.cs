using Regurgitate.Specs;
using Regurgitate.Decoding;

namespace Regurgitate.Generators;

/// <summary>`type: nmt`: one of our trained checkpoints, decoded by the neural library (`regurg translate` settings).</summary>
/// <param name="Checkpoint">A run directory (its best checkpoint) or a checkpoint directory.</param>
public sealed record NmtSpec(string Checkpoint) : GeneratorSpec
{
    public override string Type => "nmt";

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>How to decode: the same options type as `regurg translate`, with its defaults.</summary>
    public DecodingOptions Decoding { get; init; } = DecodingOptions.Defaults;
    /// <summary>Provenance name; defaults to "nmt:{checkpoint folder}".</summary>
    public string? Name { get; init; }

    public override IGenerator Create(GeneratorContext context) =>
        context.CreateNmt?.Invoke(this)
        ?? throw new InputException("generators of type nmt need the neural library", SourceFile, hint: "run them through the regurg command line");

    internal static NmtSpec Read(SpecNode fields, Func<string, string> resolve)
    {
        var defaults = DecodingOptions.Defaults;
        string search = fields.String("search") ?? DecodingStrategyNames.NameOf(defaults.Strategy);
        var strategy = DecodingStrategyNames.Parse(search)
            ?? throw fields.Error($"'search' must be beam, greedy or sample, not '{search}'", fields.NodeOf("search"));
        var spec = new NmtSpec(resolve(fields.String("checkpoint", required: true)!))
        {
            Device = fields.String("device") ?? "cpu",
            Decoding = new DecodingOptions
            {
                Strategy = strategy,
                BeamSize = fields.Int("beam_size", min: 1) ?? defaults.BeamSize,
                LengthPenalty = fields.Double("length_penalty") ?? defaults.LengthPenalty,
                MaxLengthA = fields.Double("max_len_a", min: 0) ?? defaults.MaxLengthA,
                MaxLengthB = fields.Int("max_len_b", min: 1) ?? defaults.MaxLengthB,
                Temperature = fields.Double("temperature", min: 1e-6) ?? defaults.Temperature,
                TopK = fields.Int("top_k", min: 0) ?? defaults.TopK,
                TopP = fields.Double("top_p", min: 1e-6) ?? defaults.TopP,
                Seed = fields.Long("seed") ?? defaults.Seed,
                BatchSize = fields.Int("batch_size", min: 1) ?? defaults.BatchSize,
            },
            Name = fields.String("name"),
        };
        try
        {
            spec.Decoding.Validated();
        }
        catch (InputException e)
        {
            throw fields.Error(e.Problem, hint: e.Hint);
        }
        return spec;
    }
}
