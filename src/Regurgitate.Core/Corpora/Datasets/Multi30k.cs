using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// Multi30k task 1 (Elliott et al. 2016): English image descriptions with professional German, French
/// and Czech translations; files <c>multi30k/{split}.{lang}.gz</c>.
/// </summary>
public sealed class Multi30k : Dataset
{
    const string UrlBase = "https://github.com/multi30k/dataset/raw/master/data/task1/raw/";

    public override string Name => "multi30k";
    public override string Description => "Multi30k task 1: image descriptions, en with human de/fr/cs translations";
    public override string Homepage => "https://github.com/multi30k/dataset";

    public override IReadOnlyList<DatasetSplit> Splits { get; } =
    [
        new("train", LanguagePair.AllBetween("de", "en", "fr", "cs"), 29_000),
        new("val", LanguagePair.AllBetween("de", "en", "fr", "cs"), 1_014),
        new("test_2016_flickr", LanguagePair.AllBetween("de", "en", "fr", "cs"), 1_000),
        new("test_2017_flickr", LanguagePair.AllBetween("de", "en", "fr"), 1_000),
        new("test_2017_mscoco", LanguagePair.AllBetween("de", "en", "fr"), 461),
        new("test_2018_flickr", LanguagePair.AllBetween("de", "en", "fr", "cs"), 1_071),
    ];

    static DatasetFile FileFor(string split, string language)
    {
        string name = $"{split}.{language}.gz";
        return DatasetFile.Known($"multi30k/{name}", UrlBase + name);
    }

    public override IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec) =>
        [FileFor(spec.Split, spec.Languages.Source), FileFor(spec.Split, spec.Languages.Target)];

    protected override Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options) =>
        ReadAligned(spec, directory, FileFor(spec.Split, spec.Languages.Source), FileFor(spec.Split, spec.Languages.Target),
            options, FindSplit(spec.Split)!.Pairs);
}
