using System.Text.Json.Nodes;

namespace Regurgitate.RunDirectories;

/// <summary>
/// One row of data.jsonl: a condition's training pairs at its largest size and the human targets of the same sources.
/// <see cref="Description"/> says what it trains on when its type does not; <see cref="Pairs"/> and
/// <see cref="DistinctSources"/> count its pairs and their distinct sources, <see cref="Pool"/> and <see cref="Ordering"/>
/// say how many pairs it chose them from and by what (all four null in run directories written before them).
/// </summary>
public sealed record DataRow
{
    public required string Condition { get; init; }
    public required string ConditionType { get; init; }
    public required IReadOnlyList<string> Generators { get; init; }
    public required int Size { get; init; }
    public string? Description { get; init; }
    public int? Pairs { get; init; }
    public int? DistinctSources { get; init; }
    /// <summary>
    /// How many candidate pairs it chose its pairs at <see cref="Size"/> from: the whole student pool for conditions that
    /// choose by a score (ordered, ranked, weighted, pruned-human, oracle), the size itself for those that take the pool's first n.
    /// </summary>
    public int? Pool { get; init; }
    /// <summary>What orders (or weights) the pairs it chooses, e.g. quality:combined, detector:linear:vs-G, oracle:chrF; null for pool order.</summary>
    public string? Ordering { get; init; }
    /// <summary>The training sources, relative to the run directory.</summary>
    public required string Sources { get; init; }
    /// <summary>The training targets, relative to the run directory.</summary>
    public required string Targets { get; init; }
    /// <summary>The human targets of the same sources, relative to the run directory.</summary>
    public required string HumanTargets { get; init; }
    public required string TargetLanguage { get; init; }

    /// <summary>The row, fields in the documented order.</summary>
    public JsonObject ToJson() => new()
    {
        ["condition"] = Condition,
        ["condition_type"] = ConditionType,
        ["generators"] = new JsonArray(Generators.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
        ["size"] = Size,
        ["description"] = Description,
        ["pairs"] = Pairs,
        ["distinct_sources"] = DistinctSources,
        ["pool"] = Pool,
        ["ordering"] = Ordering,
        ["sources"] = Sources,
        ["targets"] = Targets,
        ["human_targets"] = HumanTargets,
        ["target_lang"] = TargetLanguage,
    };

    /// <summary>Reads a row back.</summary>
    public static DataRow FromJson(RecordFields fields) => new()
    {
        Condition = fields.RequiredString("condition"),
        ConditionType = fields.String("condition_type") ?? "",
        Generators = fields.Strings("generators"),
        Size = checked((int)fields.RequiredInteger("size")),
        Description = fields.String("description"),
        Pairs = fields.Integer("pairs") is long p ? checked((int)p) : null,
        DistinctSources = fields.Integer("distinct_sources") is long d ? checked((int)d) : null,
        Pool = fields.Integer("pool") is long pool ? checked((int)pool) : null,
        Ordering = fields.String("ordering"),
        Sources = fields.RequiredString("sources"),
        Targets = fields.RequiredString("targets"),
        HumanTargets = fields.RequiredString("human_targets"),
        TargetLanguage = fields.String("target_lang") ?? "",
    };
}
