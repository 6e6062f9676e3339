using System.Globalization;
using YamlDotNet.RepresentationModel;
using Regurgitate.Specs;

namespace Regurgitate.Studies;

/// <summary>
/// Reads one entry of a spec's <c>conditions:</c> list: <c>human</c>, <c>{synthetic: G}</c>,
/// <c>{mix: {human: 0.5, G: 0.5}}</c>, or a mitigation strategy (<c>ordered</c>, <c>ranked</c>,
/// <c>weighted</c>), each with an optional <c>name</c>. New condition types add a
/// reader to <see cref="Readers"/>: its key is the condition type's key in the spec.
/// </summary>
internal static class ConditionReader
{
    /// <summary>A reader gets the entry, the type key's value, the generators defined, and a default name.</summary>
    internal delegate StudyCondition Reader(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name);

    internal static readonly IReadOnlyDictionary<string, Reader> Readers = new Dictionary<string, Reader>(StringComparer.Ordinal)
    {
        ["synthetic"] = ReadSynthetic,
        ["mix"] = ReadMix,
        ["ordered"] = ReadOrdered,
        ["ranked"] = ReadRanked,
        ["weighted"] = ReadWeighted,
    };

    /// <summary>The quality scores `ordered` can order by (as `regurg quality score` names them).</summary>
    internal static readonly IReadOnlyList<string> QualityScores = ["combined", "errors", "agreement", "confidence", "scorer"];

    /// <summary>The detector models `ranked` and `weighted` can train.</summary>
    internal static readonly IReadOnlyList<string> DetectorModels = ["linear", "neural"];

    public static StudyCondition Read(YamlNode node, string file, IReadOnlySet<string> generators)
    {
        if (node is YamlScalarNode { Value: "human" }) return new HumanCondition("human");
        if (node is YamlScalarNode scalar)
            throw SpecNode.ErrorAt(file, node, $"unknown condition '{scalar.Value}'", "write human, {synthetic: G} or {mix: {human: 0.5, G: 0.5}}");
        if (node is not YamlMappingNode mapping)
            throw SpecNode.ErrorAt(file, node, "a condition must be 'human' or a mapping such as {synthetic: G}");
        var entry = new SpecNode(mapping, file, "conditions");
        string? name = entry.String("name");
        var types = mapping.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).Where(k => k != "name").ToList();
        var known = types.Where(Readers.ContainsKey).Concat(types.Where(t => t == "human")).ToList();
        if (known.Count != 1)
        {
            string problem = known.Count == 0
                ? $"unknown condition type '{types.FirstOrDefault()}'"
                : $"a condition has exactly one type, not {string.Join(" and ", known)}";
            throw entry.Error(problem, known.Count == 0 && types.Count > 0 ? mapping.Children.Keys.First(k => ((YamlScalarNode)k).Value == types[0]) : null,
                "types: human, " + string.Join(", ", Readers.Keys));
        }
        StudyCondition condition;
        if (known[0] == "human")
        {
            entry.Find("human");
            condition = new HumanCondition(name ?? "human");
        }
        else
        {
            var value = entry.Find(known[0]) ?? throw entry.Error($"'{known[0]}' needs a value", entry.NodeOf(known[0]));
            condition = Readers[known[0]](entry, value, generators, name);
        }
        entry.RejectUnknown();
        if (!System.Text.RegularExpressions.Regex.IsMatch(condition.Name, "^[A-Za-z0-9][A-Za-z0-9_-]*$"))
            throw entry.Error($"condition name '{condition.Name}' may hold only letters, digits, '-' and '_'", entry.NodeOf("name"));
        return condition;
    }

    static string Generator(SpecNode entry, YamlNode at, string name, IReadOnlySet<string> generators) =>
        generators.Contains(name) ? name
        : throw entry.Error($"condition refers to generator '{name}', which is not defined under 'generators'",
            at, generators.Count == 0 ? "define it under generators:" : "defined: " + string.Join(", ", generators));

    static StudyCondition ReadSynthetic(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        if (value is not YamlScalarNode { Value: not null } scalar) throw entry.Error("'synthetic' takes one generator name", value);
        string generator = Generator(entry, value, scalar.Value, generators);
        return new SyntheticCondition(name ?? $"synthetic-{generator}", generator);
    }

    // The mapping under a strategy's type key, e.g. `ordered: {generator: G, by: combined}`.
    static SpecNode Settings(SpecNode entry, YamlNode value, string type, string example) =>
        value is YamlMappingNode mapping ? new SpecNode(mapping, entry.File, $"{entry.Path}.{type}")
        : throw entry.Error($"'{type}' takes a mapping, e.g. {example}", value);

    static string Choice(SpecNode settings, string key, IReadOnlyList<string> allowed, string fallback)
    {
        string value = settings.String(key) ?? fallback;
        return allowed.Contains(value) ? value
            : throw settings.Error($"'{key}' must be one of {string.Join(", ", allowed)}, not '{value}'", settings.NodeOf(key));
    }

    static StudyCondition ReadOrdered(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        var settings = Settings(entry, value, "ordered", "{generator: G, by: combined}");
        string generator = Generator(settings, settings.NodeOf("generator") ?? value, settings.String("generator", required: true)!, generators);
        string by = Choice(settings, "by", QualityScores, "combined");
        string? scorer = settings.String("scorer");
        if (scorer != null) Generator(settings, settings.NodeOf("scorer")!, scorer, generators);
        if (by == "scorer" && scorer == null)
            throw settings.Error("'by: scorer' needs 'scorer: T', a teacher of this study whose model scores the pairs", settings.NodeOf("by"));
        settings.RejectUnknown();
        return new ScoreOrderedCondition(name ?? $"ordered-{generator}-{by}", "ordered", new PairScoreRequest(generator, PairScoreRequest.Quality, by, scorer));
    }

    static StudyCondition ReadRanked(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        var settings = Settings(entry, value, "ranked", "{generator: G, detector: linear}");
        string generator = Generator(settings, settings.NodeOf("generator") ?? value, settings.String("generator", required: true)!, generators);
        string detector = Choice(settings, "detector", DetectorModels, "linear");
        settings.RejectUnknown();
        return new ScoreOrderedCondition(name ?? $"ranked-{generator}", "ranked", new PairScoreRequest(generator, PairScoreRequest.Detector, detector));
    }

    static StudyCondition ReadWeighted(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        var settings = Settings(entry, value, "weighted", "{generator: G, power: 1, max_repeats: 2}");
        string generator = Generator(settings, settings.NodeOf("generator") ?? value, settings.String("generator", required: true)!, generators);
        string detector = Choice(settings, "detector", DetectorModels, "linear");
        double power = settings.Double("power", min: 0) ?? 1;
        int repeats = settings.Int("max_repeats", min: 1) ?? 2;
        ulong seed = (ulong)(settings.Int("seed", min: 0) ?? 1);
        settings.RejectUnknown();
        return new WeightedCondition(name ?? $"weighted-{generator}", new PairScoreRequest(generator, PairScoreRequest.Detector, detector), power, repeats, seed);
    }

    static StudyCondition ReadMix(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        if (value is not YamlMappingNode mapping || mapping.Children.Count < 2)
            throw entry.Error("'mix' takes a mapping of at least two origins and their shares, e.g. {human: 0.5, G: 0.5}", value);
        var shares = new List<KeyValuePair<string, double>>();
        foreach (var (k, v) in mapping.Children)
        {
            string origin = ((YamlScalarNode)k).Value!;
            if (origin != HumanCondition.Origin) Generator(entry, k, origin, generators);
            if (v is not YamlScalarNode { Value: not null } s || !double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double share) || !(share > 0 && share <= 1))
                throw entry.Error($"the share of '{origin}' must be a number above 0 and at most 1", v);
            if (shares.Any(x => x.Key == origin)) throw entry.Error($"'{origin}' appears twice in the mix", k);
            shares.Add(new(origin, share));
        }
        double sum = shares.Sum(s => s.Value);
        if (Math.Abs(sum - 1) > 1e-6)
            throw entry.Error($"the shares of a mix must sum to 1, not {sum.ToString(CultureInfo.InvariantCulture)}", value);
        return new MixCondition(name ?? "mix-" + string.Join("-", shares.Select(s => s.Key)), shares);
    }
}
