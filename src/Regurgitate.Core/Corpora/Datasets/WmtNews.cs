using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// WMT news test sets (newstest2008–2020) for German–English and English–Spanish, from OPUS-MT-testsets.
/// Sets up to 2018 are mixed-origin and serve both directions; 2019 and 2020 differ by direction
/// (de-en has German-original sources, en-de English-original ones) and so in size.
/// </summary>
public sealed class WmtNews : Dataset
{
    static readonly string[] MixedOrigin =
        ["news-test2008", "newssyscomb2009", "newstest2009", "newstest2010", "newstest2011", "newstest2012", "newstest2013",
         "newstest2014", "newstest2015", "newstest2016", "newstest2017", "newstest2018"];
    static readonly string[] WithSpanish =
        ["news-test2008", "newssyscomb2009", "newstest2009", "newstest2010", "newstest2011", "newstest2012", "newstest2013"];
    static readonly string[] ByDirection = ["newstest2019", "newstest2020", "newstestB2020"];

    public override string Name => "wmt-news";
    public override string Description => "WMT news test sets 2008-2020, de-en (both directions) and en-es (to 2013)";
    public override string Homepage => OpusMtTestsets.Homepage;

    public override IReadOnlyList<DatasetSplit> Splits { get; } =
    [
        .. MixedOrigin.Select(s => new DatasetSplit(s,
            WithSpanish.Contains(s) ? LanguagePair.AllBetween("de", "en").Concat([new("en", "es"), new("es", "en")]).ToArray() : LanguagePair.AllBetween("de", "en"),
            CountOf(s, "deu-eng", "deu"))),
        .. ByDirection.Select(s => new DatasetSplit(s, LanguagePair.AllBetween("de", "en"), null,
            $"de-en {CountOf(s, "deu-eng", "deu"):N0}, en-de {CountOf(s, "eng-deu", "deu"):N0}")),
    ];

    static long? CountOf(string split, string folder, string language) =>
        OpusMtTestsets.File($"testsets/{folder}/{split}.{language}").Lines;

    static string FolderFor(DatasetSpec spec)
    {
        var l = spec.Languages;
        if (l.Source == "es" || l.Target == "es") return "eng-spa";
        if (ByDirection.Contains(spec.Split) && l.Source == "en") return "eng-deu";
        return "deu-eng";
    }

    static DatasetFile FileFor(DatasetSpec spec, string language) =>
        OpusMtTestsets.File($"testsets/{FolderFor(spec)}/{spec.Split}.{OpusMtTestsets.Iso3(language)}");

    public override IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec) =>
        [FileFor(spec, spec.Languages.Source), FileFor(spec, spec.Languages.Target)];

    protected override Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options)
    {
        var source = FileFor(spec, spec.Languages.Source);
        return ReadAligned(spec, directory, source, FileFor(spec, spec.Languages.Target), options, source.Lines);
    }
}
