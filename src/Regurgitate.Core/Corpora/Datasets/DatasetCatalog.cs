using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>The named datasets <c>--corpus name:split:src-tgt</c> can refer to.</summary>
public static class DatasetCatalog
{
    /// <summary>Every known dataset, in the order `regurg corpus list` shows them.</summary>
    public static IReadOnlyList<Dataset> All { get; } =
        [new Multi30k(), new Tatoeba(), new WmtNews(), new Flores200(), new Ntrex128(), new Wmt17Systems(), new EuroparlV7()];

    /// <summary>The dataset called <paramref name="name"/>; an unknown name is an <see cref="InputException"/>.</summary>
    public static Dataset Find(string name) =>
        All.FirstOrDefault(d => d.Name == name)
        ?? throw new InputException($"unknown dataset '{name}'", hint: $"known: {string.Join(", ", All.Select(d => d.Name))}");

    /// <summary>Parses <paramref name="spec"/> and opens it from <paramref name="directory"/>.</summary>
    public static Corpus Open(string spec, DataDirectory directory, CorpusReadOptions? options = null) =>
        Open(DatasetSpec.Parse(spec), directory, options);

    /// <summary>Opens <paramref name="spec"/> from <paramref name="directory"/>.</summary>
    public static Corpus Open(DatasetSpec spec, DataDirectory directory, CorpusReadOptions? options = null) =>
        Find(spec.Dataset).Open(spec, directory, options);
}
