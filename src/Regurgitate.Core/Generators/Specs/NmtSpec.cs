using Regurgitate.Specs;
using Regurgitate.Decoding;
using Regurgitate.Settings;

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

    // Every decoding setting but those that make no sense for a generator: several outputs per source, and the
    // cache switch (a comparison knob that changes nothing in the output).
    static readonly string[] SpecSettings = [.. SettingsBinder.Of<DecodingOptions>().Select(s => s.Name)
        .Except([nameof(DecodingOptions.NBest), nameof(DecodingOptions.UseCache)])];

    internal static NmtSpec Read(SpecNode fields, Func<string, string> resolve)
    {
        var spec = new NmtSpec(resolve(fields.String("checkpoint", required: true)!))
        {
            Device = fields.String("device") ?? "cpu",
            Decoding = SettingsBinder.Read(fields, DecodingOptions.Defaults, SpecSettings),
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
