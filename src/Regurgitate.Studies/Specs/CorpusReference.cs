using Regurgitate.Corpora;
using Regurgitate.Corpora.Datasets;
using Regurgitate.Corpora.Formats;
using Regurgitate.Specs;

namespace Regurgitate.Studies;

/// <summary>A corpus named in a study spec: a dataset (<c>multi30k:train:de-en</c>) or files (Moses pair, TSV, JSONL).</summary>
/// <param name="Dataset">A dataset spec, or null for files.</param>
/// <param name="Source">Source-side text file of a Moses pair.</param>
/// <param name="Target">Target-side text file of a Moses pair.</param>
/// <param name="Tsv">A TSV file.</param>
/// <param name="Jsonl">A JSONL file.</param>
/// <param name="Line">The spec line that names it, for messages.</param>
public sealed record CorpusReference(string? Dataset, string? Source, string? Target, string? Tsv, string? Jsonl, long Line)
{
    /// <summary>How the spec named it, for run.json and messages.</summary>
    public string Description => Dataset ?? Jsonl ?? Tsv ?? $"{Source} + {Target}";

    /// <summary>The language pair of a dataset, or null for files.</summary>
    public LanguagePair? Languages => Dataset == null ? null : DatasetSpec.Parse(Dataset).Languages;

    /// <summary>Opens the corpus.</summary>
    public Corpus Open(DataDirectory data) =>
        Dataset != null ? DatasetCatalog.Open(Dataset, data)
        : Jsonl != null ? JsonlFile.Read(Jsonl)
        : Tsv != null ? TsvFile.Read(Tsv)
        : MosesFiles.Read(Source!, Target!);

    internal static CorpusReference Read(SpecNode parent, string key, string baseDirectory)
    {
        var node = parent.Find(key);
        if (node == null) throw parent.Error($"missing required key '{parent.Path}.{key}'", hint: "a dataset such as multi30k:train:de-en, or {source: FILE, target: FILE}, {tsv: FILE} or {jsonl: FILE}");
        string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (node is YamlDotNet.RepresentationModel.YamlScalarNode scalar)
        {
            string text = scalar.Value!;
            var parts = text.Split(':');
            if (parts.Length != 3 || parts.Any(p => p.Length == 0) || LanguagePair.TryParse(parts[2]) == null)
                throw parent.Error($"'{parent.Path}.{key}' is not a dataset name:split:src-tgt (e.g. multi30k:train:de-en): '{text}'", node,
                    "or name files with {source: FILE, target: FILE}, {tsv: FILE} or {jsonl: FILE}");
            try
            {
                DatasetCatalog.Find(parts[0]);
            }
            catch (InputException e)
            {
                throw parent.Error($"'{parent.Path}.{key}': {e.Problem}", node, e.Hint ?? "run `regurg corpus list`");
            }
            return new CorpusReference(text, null, null, null, null, node.Start.Line);
        }
        var files = parent.Mapping(key)!;
        string? source = files.String("source"), target = files.String("target"), tsv = files.String("tsv"), jsonl = files.String("jsonl");
        files.RejectUnknown();
        int kinds = (source != null || target != null ? 1 : 0) + (tsv != null ? 1 : 0) + (jsonl != null ? 1 : 0);
        if (kinds != 1 || (source != null) != (target != null))
            throw files.Error($"'{files.Path}' must name exactly one of: source + target, tsv, jsonl");
        var reference = new CorpusReference(null, source == null ? null : Resolve(source), target == null ? null : Resolve(target),
            tsv == null ? null : Resolve(tsv), jsonl == null ? null : Resolve(jsonl), node.Start.Line);
        foreach (var file in new[] { reference.Source, reference.Target, reference.Tsv, reference.Jsonl })
            if (file != null && !File.Exists(file))
                throw files.Error($"'{files.Path}': file not found: {file}");
        return reference;
    }
}
