using System.Security.Cryptography;
using System.Text;
using Regurgitate.Corpora.Datasets;
using YamlDotNet.RepresentationModel;
using Regurgitate.Specs;
using Regurgitate.Statistics;

namespace Regurgitate.Studies;

/// <summary>
/// A study as written in YAML: data, student, generators, conditions, sizes and seeds. Parsing checks
/// everything it can without reading corpora; every error names the file, line and key. See studies/demo.yaml.
/// </summary>
public sealed record StudySpec(
    string Name,
    string File,
    string Text,
    StudyData Data,
    TrainingSpec Student,
    IReadOnlyList<StudyGenerator> Generators,
    IReadOnlyList<StudyCondition> Conditions,
    IReadOnlyList<int> Sizes,
    IReadOnlyList<long> Seeds)
{
    /// <summary>
    /// The student when it is fine-tuned through an API (`student: {type: openai-finetune}`), else null and the
    /// study trains <see cref="Student"/> itself.
    /// </summary>
    public ApiStudentSpec? ApiStudent { get; init; }

    /// <summary>How the report decides comparisons (the spec's `analysis:`; defaults when absent).</summary>
    public AnalysisSettings Analysis { get; init; } = AnalysisSettings.Default;

    /// <summary>The line of the 'sizes' key, for messages about sizes.</summary>
    public long SizesLine { get; init; }

    /// <summary>SHA-256 of the spec text.</summary>
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    /// <summary>Reads and checks a spec file.</summary>
    public static StudySpec Load(string path)
    {
        return Parse(SpecFile.ReadText(path, "study spec"), path);
    }

    /// <summary>Parses spec text; relative paths resolve against the spec file's folder.</summary>
    public static StudySpec Parse(string yaml, string file)
    {
        if (SpecYaml.LoadRoot(yaml, file) is not YamlMappingNode rootNode)
            throw new InputException("a study spec must be a YAML mapping (name, data, student, generators, conditions, sizes, seeds)", file, 1);
        string baseDirectory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        var root = new SpecNode(rootNode, file, "");

        string name = root.String("name") ?? Path.GetFileNameWithoutExtension(file);
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[A-Za-z0-9][A-Za-z0-9._-]*$"))
            throw root.Error($"'name' may hold only letters, digits, '.', '-' and '_', not '{name}'", root.NodeOf("name"));
        if (StudyLimits.LengthProblem("study", name) is string longName) throw root.Error(longName, root.NodeOf("name"), "the name becomes the run directory's name");
        var data = ReadData(root.Mapping("data", required: true)!, baseDirectory);
        var studentNode = root.Mapping("student", required: true)!;
        string studentType = studentNode.String("type") ?? "local";
        var student = new TrainingSpec();
        ApiStudentSpec? apiStudent = null;
        if (studentType == ApiStudentSpec.Type) apiStudent = ApiStudentSpec.Read(studentNode, baseDirectory, data.Languages);
        else if (studentType == "local")
        {
            student = TrainingSpec.Read(studentNode, baseDirectory, new TrainingSpec(), allowInit: true);
            studentNode.RejectUnknown();
        }
        else throw studentNode.Error($"unknown student type '{studentType}'", studentNode.NodeOf("type"), $"use local (a model the study trains; the default) or {ApiStudentSpec.Type}");

        var generators = new List<StudyGenerator>();
        if (root.Find("generators") is YamlNode generatorsNode)
        {
            if (generatorsNode is not YamlMappingNode map)
                throw root.Error("'generators' must be a mapping of names to generator specs", generatorsNode);
            foreach (var (k, v) in map.Children)
            {
                string generatorName = ((YamlScalarNode)k).Value!;
                if (generatorName == HumanCondition.Origin || !System.Text.RegularExpressions.Regex.IsMatch(generatorName, "^[A-Za-z0-9][A-Za-z0-9_-]*$"))
                    throw root.Error($"generator name '{generatorName}' must be letters, digits, '-' or '_' (and not 'human')", k);
                if (StudyLimits.LengthProblem("generator", generatorName) is string longGenerator) throw root.Error(longGenerator, k);
                generators.Add(StudyGenerator.Read(generatorName, v, file, baseDirectory, data.Languages));
            }
        }

        var conditionsNode = root.Required("conditions");
        if (conditionsNode is not YamlSequenceNode conditionList || conditionList.Children.Count == 0)
            throw root.Error("'conditions' must be a list, e.g. [human, {synthetic: G}]", conditionsNode);
        var names = generators.Select(g => g.Name).ToHashSet();
        var conditions = new List<StudyCondition>();
        foreach (var item in conditionList.Children)
        {
            var condition = ConditionReader.Read(item, file, names);
            if (conditions.Any(c => c.Name == condition.Name))
                throw SpecNode.ErrorAt(file, item, $"two conditions are named '{condition.Name}'", "give one a 'name'");
            // A scorer model is one the study trained on human pairs: a teacher's.
            if (condition.Scores.FirstOrDefault(r => r.Scorer != null && generators.First(g => g.Name == r.Scorer) is not TeacherGenerator) is PairScoreRequest wrong)
                throw SpecNode.ErrorAt(file, item, $"'scorer: {wrong.Scorer}' must name a teacher (type: teacher), whose model was trained on human pairs",
                    "define a teacher under generators: and name it here");
            conditions.Add(condition);
        }

        var analysis = AnalysisSettings.Read(root.Mapping(AnalysisSettings.Key));
        long sizesLine = root.NodeOf("sizes")?.Start.Line ?? 1;
        var sizes = ReadSizes(root);
        var seeds = ReadSeeds(root);
        long cells = (long)conditions.Count * sizes.Count * seeds.Count;
        if (cells > StudyLimits.MaxCells)
            throw root.Error($"{conditions.Count} conditions x {sizes.Count} sizes x {seeds.Count} seeds make {cells:N0} cells; a study may have at most {StudyLimits.MaxCells:N0}",
                root.NodeOf("sizes"), "split it into several studies, or use fewer sizes or seeds");
        root.RejectUnknown();
        return new StudySpec(name, file, yaml, data, student, generators, conditions, sizes, seeds) { SizesLine = sizesLine, ApiStudent = apiStudent, Analysis = analysis };
    }

    static StudyData ReadData(SpecNode node, string baseDirectory)
    {
        var train = CorpusReference.Read(node, "train", baseDirectory);
        var valid = CorpusReference.Read(node, "valid", baseDirectory);
        var test = CorpusReference.Read(node, "test", baseDirectory);
        string? direction = node.String("direction");
        LanguagePair? languages = null;
        if (direction != null)
            languages = LanguagePair.TryParse(direction) ?? throw node.Error($"'data.direction' must be a language pair like de-en, not '{direction}'", node.NodeOf("direction"));
        foreach (var (reference, key) in new[] { (train, "train"), (valid, "valid"), (test, "test") })
        {
            if (reference.Languages is not LanguagePair pair) continue;
            if (languages == null) languages = pair;
            else if (languages != pair)
                throw node.Error($"'data.{key}' is {pair} but the study's direction is {languages}", node.NodeOf(key), "all corpora must have the same direction");
        }
        if (languages == null) throw node.Error("'data.direction' is required when the corpora are files", hint: "e.g. direction: de-en");
        string overlap = node.String("overlap") ?? "error";
        if (overlap is not ("error" or "drop"))
            throw node.Error($"'data.overlap' must be error or drop, not '{overlap}'", node.NodeOf("overlap"));
        var data = new StudyData(train, valid, test, node.Int("valid_limit", min: 1), node.Int("test_limit", min: 1), overlap == "drop",
            (ulong)(node.Int("pool_seed", min: 0) ?? 1), languages, node.Int("pool", min: 1), node.Int("detector_pool", min: 100) ?? StudyData.DefaultDetectorPool)
        {
            PoolLine = node.NodeOf("pool")?.Start.Line ?? node.Line,
            DetectorPoolLine = node.NodeOf("detector_pool")?.Start.Line ?? node.Line,
        };
        node.RejectUnknown();
        return data;
    }

    static IReadOnlyList<int> ReadSizes(SpecNode root)
    {
        var node = root.Required("sizes");
        List<int> sizes;
        if (node is YamlSequenceNode list)
        {
            if (list.Children.Count > StudyLimits.MaxSizes) throw root.Error($"'sizes' lists {list.Children.Count:N0} sizes; a study may have at most {StudyLimits.MaxSizes:N0}", node);
            sizes = list.Children.Select(c => c is YamlScalarNode { Value: not null } s && int.TryParse(s.Value, out int v) && v > 0 ? v
                : throw root.Error("every size must be a positive whole number", c)).ToList();
        }
        else if (node is YamlMappingNode)
        {
            var range = root.Mapping("sizes")!;
            int from = range.Int("from", min: 1, required: true)!.Value, step = range.Int("step", min: 1, required: true)!.Value, to = range.Int("to", min: 1, required: true)!.Value;
            range.RejectUnknown();
            if (to < from) throw range.Error($"'sizes.to' ({to}) is below 'sizes.from' ({from})", range.NodeOf("to"));
            // Counted, not listed: a range of two billion sizes must fail here, at once.
            long count = StudyLimits.RangeCount(from, step, to);
            if (count > StudyLimits.MaxSizes)
                throw range.Error($"'sizes' from {from} to {to} in steps of {step} makes {count:N0} sizes; a study may have at most {StudyLimits.MaxSizes:N0}", node, "use a larger step");
            sizes = [];
            for (long s = from; s <= to; s += step) sizes.Add((int)s);
        }
        else throw root.Error("'sizes' must be a list ([1000, 2000]) or a range ({from: 1000, step: 1000, to: 8000})", node);
        if (sizes.Count == 0) throw root.Error("'sizes' is empty", node);
        if (sizes.Distinct().Count() != sizes.Count) throw root.Error("'sizes' lists a size twice", node);
        return sizes.Order().ToList();
    }

    static IReadOnlyList<long> ReadSeeds(SpecNode root)
    {
        var node = root.Find("seeds");
        if (node == null) return [1];
        if (node is YamlScalarNode { Value: not null } count && int.TryParse(count.Value, out int n))
        {
            if (n < 1) throw root.Error("'seeds' as a count must be at least 1", node);
            if (n > StudyLimits.MaxSeeds) throw root.Error($"'seeds' asks for {n:N0} seeds; a study may have at most {StudyLimits.MaxSeeds:N0}", node);
            return Enumerable.Range(1, n).Select(i => (long)i).ToList();
        }
        if (node is not YamlSequenceNode list || list.Children.Count == 0)
            throw root.Error("'seeds' must be a count (3) or a list of seeds ([1, 2, 3])", node);
        if (list.Children.Count > StudyLimits.MaxSeeds) throw root.Error($"'seeds' lists {list.Children.Count:N0} seeds; a study may have at most {StudyLimits.MaxSeeds:N0}", node);
        var seeds = list.Children.Select(c => c is YamlScalarNode { Value: not null } s && long.TryParse(s.Value, out long v) && v >= 0 ? v
            : throw root.Error("every seed must be a whole number of at least 0", c)).ToList();
        if (seeds.Distinct().Count() != seeds.Count) throw root.Error("'seeds' lists a seed twice", node);
        return seeds;
    }
}
