using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>FLORES-200 devtest (Meta AI; CC BY-SA 4.0): 1,012 Wikimedia sentences, 3-way parallel de/en/es.</summary>
public sealed class Flores200 : Dataset
{
    public override string Name => "flores200";
    public override string Description => "FLORES-200 devtest, 3-way parallel de/en/es (translated from English)";
    public override string Homepage => OpusMtTestsets.Homepage;

    public override IReadOnlyList<DatasetSplit> Splits { get; } =
        [new("devtest", LanguagePair.AllBetween("de", "en", "es"), 1_012)];

    static DatasetFile FileFor(string language) =>
        OpusMtTestsets.File($"testsets/flores200_dataset/devtest/{OpusMtTestsets.Iso3(language)}.devtest");

    public override IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec) => [FileFor(spec.Languages.Source), FileFor(spec.Languages.Target)];

    protected override Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options) =>
        ReadAligned(spec, directory, FileFor(spec.Languages.Source), FileFor(spec.Languages.Target), options, 1_012);
}
