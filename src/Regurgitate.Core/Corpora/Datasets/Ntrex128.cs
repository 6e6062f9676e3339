using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// NTREX-128 (Microsoft; Federmann, Kocmi, Xin 2022; CC BY-SA 4.0): the English newstest2019 source with
/// independent German and Spanish translations, 1,997 segments.
/// </summary>
public sealed class Ntrex128 : Dataset
{
    public override string Name => "ntrex";
    public override string Description => "NTREX-128 newstest2019: English source, second German and a Spanish reference";
    public override string Homepage => OpusMtTestsets.Homepage;

    public override IReadOnlyList<DatasetSplit> Splits { get; } =
        [new("newstest2019", LanguagePair.AllBetween("en", "de", "es"), 1_997)];

    static DatasetFile FileFor(string language) =>
        OpusMtTestsets.File($"datasets/microsoft/ntrex/NTREX/NTREX-128/newstest2019-{(language == "en" ? "src" : "ref")}.{OpusMtTestsets.Iso3(language)}.txt");

    public override IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec) => [FileFor(spec.Languages.Source), FileFor(spec.Languages.Target)];

    protected override Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options) =>
        ReadAligned(spec, directory, FileFor(spec.Languages.Source), FileFor(spec.Languages.Target), options, 1_997);
}
