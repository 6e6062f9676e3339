using System.Globalization;
using YamlDotNet.RepresentationModel;
using Regurgitate.Interventions;
using Regurgitate.Specs;

namespace Regurgitate.Studies;

/// <summary>
/// Reads one entry of a spec's <c>conditions:</c> list: <c>human</c>, <c>{synthetic: G}</c>,
/// <c>{mix: {human: 0.5, G: 0.5}}</c>, <c>{multi: [G1, G2]}</c>, <c>{noise: {rate: 0.1}}</c>,
/// <c>{flatten: {strength: 0.5}}</c>, a mitigation strategy (<c>ordered</c>, <c>ranked</c>,
/// <c>weighted</c>) or one of its controls (<c>ordered</c>/<c>ranked</c> with <c>generator: human</c>: pruned-human;
/// <c>ordered</c> with <c>by: oracle</c>), each with an optional <c>name</c>. New condition types add a
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
        ["multi"] = ReadMulti,
        ["noise"] = ReadNoise,
        ["flatten"] = ReadFlatten,
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
        // Names become folder names of the run directory; a derived name (mix-a-b-c) is checked as well.
        if (StudyLimits.LengthProblem("condition", condition.Name) is string longName)
            throw entry.Error(longName, entry.NodeOf("name"), entry.Has("name") ? null : "give the condition a shorter 'name'");
        return condition;
    }

    static string Generator(SpecNode entry, YamlNode at, string name, IReadOnlySet<string> generators) =>
        generators.Contains(name) ? name
        : name == HumanCondition.Origin ? throw entry.Error("'human' is the pool's human data, not a generator, and cannot stand here", at,
            "train on human data with the condition human; order it with ordered or ranked (generator: human)")
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

    // `generator:` of ordered and ranked: a generator, or human for the pruned-human control.
    static string Origin(SpecNode settings, YamlNode value, IReadOnlySet<string> generators)
    {
        string origin = settings.String("generator", required: true)!;
        return origin == HumanCondition.Origin ? origin : Generator(settings, settings.NodeOf("generator") ?? value, origin, generators);
    }

    static StudyCondition ReadOrdered(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        var settings = Settings(entry, value, "ordered", "{generator: G, by: combined}");
        string generator = Origin(settings, value, generators);
        bool human = generator == HumanCondition.Origin;
        string by = Choice(settings, "by", [.. QualityScores, PairScoreRequest.Oracle], "combined");
        string? scorer = settings.String("scorer");
        if (scorer != null) Generator(settings, settings.NodeOf("scorer")!, scorer, generators);
        if (by == "scorer" && scorer == null)
            throw settings.Error("'by: scorer' needs 'scorer: T', a teacher of this study whose model scores the pairs", settings.NodeOf("by"));
        if (by == PairScoreRequest.Oracle)
        {
            if (human)
                throw settings.Error("'by: oracle' scores a target by chrF against the human target, so every human target would score 100", settings.NodeOf("by"),
                    "order a generator's pairs by the oracle (generator: G), or the human ones by errors, agreement, scorer or combined");
            if (scorer != null) throw settings.Error("'by: oracle' uses no scorer model", settings.NodeOf("scorer"), "remove 'scorer'");
            settings.RejectUnknown();
            return new ScoreOrderedCondition(name ?? $"oracle-{generator}", ScoreOrderedCondition.Oracle,
                new PairScoreRequest(generator, PairScoreRequest.Oracle, PairScoreRequest.OracleMethod));
        }
        if (human && by == "confidence")
            throw settings.Error("'by: confidence' is a generator's own log-probability of its target; human targets have none", settings.NodeOf("by"),
                "order human targets by errors, agreement, scorer (with scorer: TEACHER) or combined");
        if (human && by == "agreement" && generators.Count == 0)
            throw settings.Error("'by: agreement' on human targets compares them with the study's generators, and it defines none", settings.NodeOf("by"),
                "define a generator, or order by errors, scorer or combined");
        settings.RejectUnknown();
        var request = new PairScoreRequest(generator, PairScoreRequest.Quality, by, scorer);
        return human
            ? new ScoreOrderedCondition(name ?? PrunedHumanName(request), ScoreOrderedCondition.PrunedHuman, request)
            : new ScoreOrderedCondition(name ?? $"ordered-{generator}-{by}", "ordered", request);
    }

    static StudyCondition ReadRanked(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        var settings = Settings(entry, value, "ranked", "{generator: G, detector: linear}");
        string generator = Origin(settings, value, generators);
        string detector = Choice(settings, "detector", DetectorModels, "linear");
        string? against = settings.String("against");
        if (generator != HumanCondition.Origin)
        {
            if (against != null)
                throw settings.Error("'against' is for 'generator: human' only: a generator's detector learns from that generator's own targets", settings.NodeOf("against"), "remove 'against'");
            settings.RejectUnknown();
            return new ScoreOrderedCondition(name ?? $"ranked-{generator}", "ranked", new PairScoreRequest(generator, PairScoreRequest.Detector, detector));
        }
        // Human targets are ranked by the detector a strategy ranks G by: trained on human vs G's targets.
        if (against == null)
            throw settings.Error("'ranked' on human targets needs 'against: G', the generator whose detector (human vs G's targets) ranks them", settings.NodeOf("generator"),
                generators.Count == 0 ? "define a generator under generators:" : "defined: " + string.Join(", ", generators));
        if (against == HumanCondition.Origin) throw settings.Error("'against' names a generator, not human", settings.NodeOf("against"));
        Generator(settings, settings.NodeOf("against")!, against, generators);
        settings.RejectUnknown();
        var request = new PairScoreRequest(generator, PairScoreRequest.Detector, detector, Against: against);
        return new ScoreOrderedCondition(name ?? PrunedHumanName(request), ScoreOrderedCondition.PrunedHuman, request);
    }

    // pruned-human-<score id without the "human" it always holds>, e.g. pruned-human-quality-combined, pruned-human-detector-linear-vs-other.
    static string PrunedHumanName(PairScoreRequest request) =>
        $"{ScoreOrderedCondition.PrunedHuman}-{request.Kind}-{request.Method}" + (request.Scorer == null ? "" : $"-{request.Scorer}")
        + (request.Against == null ? "" : $"-vs-{request.Against}");

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

    static StudyCondition ReadMulti(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        if (value is not YamlSequenceNode list || list.Children.Count < 2)
            throw entry.Error("'multi' takes a list of at least two generators (or human), e.g. [G1, G2]", value);
        var origins = new List<string>();
        foreach (var item in list.Children)
        {
            if (item is not YamlScalarNode { Value: not null } scalar) throw entry.Error("each entry of 'multi' is one generator name", item);
            string origin = scalar.Value == HumanCondition.Origin ? scalar.Value : Generator(entry, item, scalar.Value, generators);
            if (origins.Contains(origin)) throw entry.Error($"'{origin}' appears twice in 'multi'", item);
            origins.Add(origin);
        }
        return new MultiCondition(name ?? "multi-" + string.Join("-", origins), origins);
    }

    static StudyCondition ReadNoise(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        if (value is not YamlMappingNode mapping) throw entry.Error("'noise' takes a mapping such as {rate: 0.1, ops: [drop, swap, substitute]}", value);
        var node = new SpecNode(mapping, entry.File, "noise");
        double rate = node.Double("rate", 0) ?? throw node.Error("missing required key 'noise.rate'", hint: "the share of target tokens to corrupt, e.g. rate: 0.1");
        if (rate > 1) throw node.Error($"'noise.rate' must be at most 1, not {rate.ToString(CultureInfo.InvariantCulture)}", node.NodeOf("rate"));
        var mix = NoiseMix.Equal;
        if (node.Find("ops") is YamlNode ops)
        {
            NoiseOperation Operation(YamlNode at) =>
                at is YamlScalarNode { Value: not null } s && NoiseMix.Parse(s.Value) is NoiseOperation o ? o
                : throw node.Error($"unknown noise operation '{(at as YamlScalarNode)?.Value}'", at, "drop, swap or substitute");
            if (ops is YamlSequenceNode list && list.Children.Count > 0)
            {
                var listed = list.Children.Select(Operation).ToList();
                if (listed.Distinct().Count() < listed.Count) throw node.Error("an operation appears twice in 'noise.ops'", ops);
                mix = NoiseMix.Of(listed);
            }
            else if (ops is YamlMappingNode weights && weights.Children.Count > 0)
            {
                var w = new Dictionary<NoiseOperation, double>();
                foreach (var (k, v) in weights.Children)
                {
                    var operation = Operation(k);
                    if (v is not YamlScalarNode { Value: not null } text || !double.TryParse(text.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double weight) || !(weight >= 0) || double.IsInfinity(weight))
                        throw node.Error($"the weight of '{NoiseMix.NameOf(operation)}' must be a number of at least 0", v);
                    w[operation] = weight;
                }
                mix = new NoiseMix(w.GetValueOrDefault(NoiseOperation.Drop), w.GetValueOrDefault(NoiseOperation.Swap), w.GetValueOrDefault(NoiseOperation.Substitute));
                if (mix.Drop + mix.Swap + mix.Substitute <= 0) throw node.Error("at least one noise operation needs a weight above 0", ops);
            }
            else throw node.Error("'noise.ops' takes a list such as [drop, swap, substitute] or weights such as {drop: 2, substitute: 1}", ops);
        }
        long seed = node.Long("seed") ?? NoiseOptions.Defaults.Seed;
        string of = HumanCondition.Origin;
        if (node.Find("of") is YamlNode ofNode)
        {
            if (ofNode is not YamlScalarNode { Value: not null } scalar) throw node.Error("'noise.of' takes one generator name (or human)", ofNode);
            of = scalar.Value == HumanCondition.Origin ? scalar.Value : Generator(entry, ofNode, scalar.Value, generators);
        }
        node.RejectUnknown("noise");
        var options = new NoiseOptions(rate, mix, seed);
        return new NoiseCondition(name ?? $"noise-{of}-{rate.ToString(CultureInfo.InvariantCulture).Replace('.', '_')}", options, of);
    }

    static StudyCondition ReadFlatten(SpecNode entry, YamlNode value, IReadOnlySet<string> generators, string? name)
    {
        if (value is not YamlMappingNode mapping) throw entry.Error("'flatten' takes a mapping such as {strength: 0.5}", value);
        var node = new SpecNode(mapping, entry.File, "flatten");
        double strength = node.Double("strength", 0) ?? throw node.Error("missing required key 'flatten.strength'", hint: "the share of eligible words replaced, e.g. strength: 0.5");
        if (strength > 1) throw node.Error($"'flatten.strength' must be at most 1, not {strength.ToString(CultureInfo.InvariantCulture)}", node.NodeOf("strength"));
        int iterations = node.Int("iterations", 1) ?? FlattenOptions.Defaults.Iterations;
        if (iterations > 100) throw node.Error($"'flatten.iterations' must be at most 100, not {iterations}", node.NodeOf("iterations"));
        long seed = node.Long("seed") ?? FlattenOptions.Defaults.Seed;
        double linkShare = node.Double("link_share", 0, exclusiveMin: true) ?? FlattenOptions.Defaults.LinkShare;
        if (linkShare > 1) throw node.Error("'flatten.link_share' must be at most 1", node.NodeOf("link_share"));
        node.RejectUnknown("flatten");
        var options = new FlattenOptions(strength, iterations, seed, linkShare);
        options.Validate();
        return new FlattenCondition(name ?? $"flatten-{strength.ToString(CultureInfo.InvariantCulture).Replace('.', '_')}", options);
    }
}
