using System.Text;
using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// A named collection of corpora with known splits, files and official download locations
/// (Multi30k, Tatoeba, WMT news, ...), opened by a <see cref="DatasetSpec"/> from a <see cref="DataDirectory"/>.
/// </summary>
public abstract class Dataset
{
    /// <summary>The name used in specs, e.g. "multi30k".</summary>
    public abstract string Name { get; }
    /// <summary>One line on what the data is.</summary>
    public abstract string Description { get; }
    /// <summary>Where the data officially comes from (a page or download URL).</summary>
    public abstract string Homepage { get; }
    /// <summary>The splits and the directions each offers.</summary>
    public abstract IReadOnlyList<DatasetSplit> Splits { get; }

    /// <summary>The files <paramref name="spec"/> needs in the data directory.</summary>
    public abstract IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec);

    /// <summary>Reads <paramref name="spec"/> once its files are known to be present.</summary>
    protected abstract Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options);

    /// <summary>Every file of every split, without repeats (what a full download fetches).</summary>
    public IReadOnlyList<DatasetFile> AllFiles() =>
        [.. Splits.SelectMany(s => s.LanguagePairs.SelectMany(p => FilesFor(new DatasetSpec(Name, s.Name, p))))
            .DistinctBy(f => f.RelativePath)];

    /// <summary>The split named <paramref name="split"/>, or null.</summary>
    public DatasetSplit? FindSplit(string split) => Splits.FirstOrDefault(s => s.Name == split);

    /// <summary>Checks that <paramref name="spec"/> names a split and direction this dataset has.</summary>
    public void Validate(DatasetSpec spec)
    {
        var split = FindSplit(spec.Split)
            ?? throw new InputException($"{Name} has no split '{spec.Split}'", hint: $"splits: {string.Join(", ", Splits.Select(s => s.Name))}");
        if (!split.LanguagePairs.Contains(spec.Languages))
            throw new InputException($"{Name}:{spec.Split} has no direction {spec.Languages}",
                hint: $"directions: {string.Join(", ", split.LanguagePairs)}");
    }

    /// <summary>The files of <paramref name="spec"/> missing from <paramref name="directory"/>.</summary>
    public IReadOnlyList<DatasetFile> MissingFiles(DatasetSpec spec, DataDirectory directory) =>
        [.. FilesFor(spec).Where(f => directory.Locate(f) == null)];

    /// <summary>True when every file <paramref name="spec"/> needs is present.</summary>
    public bool IsPresent(DatasetSpec spec, DataDirectory directory) => MissingFiles(spec, directory).Count == 0;

    /// <summary>
    /// Opens <paramref name="spec"/> as a streaming corpus. A missing file is an <see cref="InputException"/>
    /// that says which files to put where and where to download them.
    /// </summary>
    public Corpus Open(DatasetSpec spec, DataDirectory directory, CorpusReadOptions? options = null)
    {
        Validate(spec);
        var missing = MissingFiles(spec, directory);
        if (missing.Count > 0) throw MissingCorpus(spec, directory, missing);
        return OpenPresent(spec, directory, options ?? CorpusReadOptions.Default);
    }

    /// <summary>The message for files that are not there: which, where, and from which URL.</summary>
    protected InputException MissingCorpus(DatasetSpec spec, DataDirectory directory, IReadOnlyList<DatasetFile> missing)
    {
        var message = new StringBuilder($"corpus {spec} is not in the data directory {directory.Root}; missing ");
        message.Append(string.Join("; ", missing.Select(f =>
            f.Url == null ? directory.PathOf(f.RelativePath)
            : f.ArchiveMember == null ? $"{directory.PathOf(f.DownloadPath)} (from {f.Url})"
            : $"{directory.PathOf(f.RelativePath)} (member {f.ArchiveMember} of {f.Url})")));
        bool downloadable = missing.All(f => f.Url != null);
        string hint = downloadable
            ? $"with a network run `regurg corpus download {spec}`, or put the files there by hand; choose the folder with --data-dir or {DataDirectory.EnvironmentVariable}"
            : $"{ManualDownloadNote} Choose the folder with --data-dir or {DataDirectory.EnvironmentVariable}";
        return new InputException(message.ToString(), directory.PathOf(missing[0].RelativePath), hint: hint);
    }

    /// <summary>How to get files that have no direct download URL.</summary>
    public virtual string ManualDownloadNote => $"see {Homepage}.";

    /// <summary>Reads two line-aligned files of a dataset as a corpus.</summary>
    protected static Corpus ReadAligned(DatasetSpec spec, DataDirectory directory, DatasetFile source, DatasetFile target,
        CorpusReadOptions options, long? count)
    {
        var corpus = MosesFiles.Read(directory.Locate(source)!, directory.Locate(target)!, options, spec.ToString(),
            spec.Languages.Source, spec.Languages.Target, count);
        return corpus;
    }
}
