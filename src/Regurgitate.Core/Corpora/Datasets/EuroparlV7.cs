using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// Europarl v7 German–English (Koehn 2005): European Parliament proceedings, the training corpus of the
/// regurgitative-training paper. Download only: about 1.9M pairs, extracted from the statmt.org archive.
/// </summary>
public sealed class EuroparlV7 : Dataset
{
    const string Archive = "https://www.statmt.org/europarl/v7/de-en.tgz";
    // Sentence count for de-en published on the Europarl v7 page (both files have this many lines).
    const long Pairs = 1_920_209;

    public override string Name => "europarl-v7";
    public override string Description => "Europarl v7 de-en parliament proceedings (download only, ~1.9M pairs)";
    public override string Homepage => "https://www.statmt.org/europarl/";

    public override IReadOnlyList<DatasetSplit> Splits { get; } =
        [new("train", LanguagePair.AllBetween("de", "en"), Pairs, "no official dev/test; some lines are empty on one side")];

    static DatasetFile FileFor(string language) =>
        new($"europarl-v7/europarl-v7.de-en.{language}", Archive, Pairs, ArchiveMember: $"europarl-v7.de-en.{language}");

    public override IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec) => [FileFor(spec.Languages.Source), FileFor(spec.Languages.Target)];

    protected override Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options) =>
        ReadAligned(spec, directory, FileFor(spec.Languages.Source), FileFor(spec.Languages.Target), options, Pairs);
}
