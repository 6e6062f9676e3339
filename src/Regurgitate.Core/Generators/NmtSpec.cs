namespace Regurgitate.Generators;

/// <summary>`type: nmt`: one of our trained checkpoints, decoded by the neural library.</summary>
/// <param name="Checkpoint">The checkpoint directory.</param>
/// <param name="Device">"cpu" or "cuda".</param>
/// <param name="BeamSize">Beam width (1 = greedy).</param>
/// <param name="MaxLength">Cap on output tokens, or null for the decoder's default.</param>
/// <param name="BatchSize">Sentences per decoding batch.</param>
/// <param name="Name">Provenance name; defaults to "nmt:{checkpoint folder}".</param>
public sealed record NmtSpec(string Checkpoint, string Device, int BeamSize, int? MaxLength, int BatchSize, string? Name) : GeneratorSpec
{
    public override string Type => "nmt";

    public override IGenerator Create(GeneratorContext context) =>
        context.CreateNmt?.Invoke(this)
        ?? throw new InputException("generators of type nmt need the neural library", SourceFile, hint: "run them through the regurg command line");

    internal static NmtSpec Read(SpecFields fields, Func<string, string> resolve) => new(
        resolve(fields.String("checkpoint", required: true)!),
        fields.String("device") ?? "cpu",
        fields.Int("beam_size", min: 1) ?? 5,
        fields.Int("max_length", min: 1),
        fields.Int("batch_size", min: 1) ?? 64,
        fields.String("name"));
}
