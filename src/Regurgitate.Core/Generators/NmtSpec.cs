namespace Regurgitate.Generators;

/// <summary>`type: nmt`: one of our trained checkpoints, decoded by the neural library (`regurg translate` settings).</summary>
/// <param name="Checkpoint">A run directory (its best checkpoint) or a checkpoint directory.</param>
public sealed record NmtSpec(string Checkpoint) : GeneratorSpec
{
    public override string Type => "nmt";

    /// <summary>"cpu" or "cuda[:N]".</summary>
    public string Device { get; init; } = "cpu";
    /// <summary>"beam", "greedy" or "sample".</summary>
    public string Search { get; init; } = "beam";
    /// <summary>Beam width.</summary>
    public int BeamSize { get; init; } = 5;
    /// <summary>α of length normalization in beam search.</summary>
    public double LengthPenalty { get; init; } = 1.0;
    /// <summary>a of the output length bound a·source_length + b.</summary>
    public double MaxLengthA { get; init; } = 1.5;
    /// <summary>b of the output length bound a·source_length + b.</summary>
    public int MaxLengthB { get; init; } = 10;
    /// <summary>Sampling temperature.</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Sampling among the k most probable tokens (0: all).</summary>
    public int TopK { get; init; }
    /// <summary>Nucleus sampling threshold (1: off).</summary>
    public double TopP { get; init; } = 1.0;
    /// <summary>Sampling seed.</summary>
    public long Seed { get; init; } = 1;
    /// <summary>Sentences decoded together.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Provenance name; defaults to "nmt:{checkpoint folder}".</summary>
    public string? Name { get; init; }

    public override IGenerator Create(GeneratorContext context) =>
        context.CreateNmt?.Invoke(this)
        ?? throw new InputException("generators of type nmt need the neural library", SourceFile, hint: "run them through the regurg command line");

    internal static NmtSpec Read(SpecFields fields, Func<string, string> resolve)
    {
        string search = fields.String("search") ?? "beam";
        if (search is not ("beam" or "greedy" or "sample"))
            throw fields.Error($"'search' must be beam, greedy or sample, not '{search}'", fields.NodeOf("search"));
        return new NmtSpec(resolve(fields.String("checkpoint", required: true)!))
        {
            Device = fields.String("device") ?? "cpu",
            Search = search,
            BeamSize = fields.Int("beam_size", min: 1) ?? 5,
            LengthPenalty = fields.Double("length_penalty") ?? 1.0,
            MaxLengthA = fields.Double("max_len_a", min: 0) ?? 1.5,
            MaxLengthB = fields.Int("max_len_b", min: 1) ?? 10,
            Temperature = fields.Double("temperature", min: 1e-6) ?? 1.0,
            TopK = fields.Int("top_k", min: 0) ?? 0,
            TopP = fields.Double("top_p", min: 1e-6) ?? 1.0,
            Seed = fields.Long("seed") ?? 1,
            BatchSize = fields.Int("batch_size", min: 1) ?? 64,
            Name = fields.String("name"),
        };
    }
}
