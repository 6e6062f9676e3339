using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using Regurgitate.Corpora.Formats;
using Regurgitate.Corpora.Sampling;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// Tatoeba sentence pairs as exported by manythings.org/anki (2018-05-13), English–German and
/// English–Spanish, read straight from the zips. There is no official split, so one is carved here:
/// first every pair that occurs verbatim in the Tatoeba Challenge test set (OPUS-MT-testsets
/// tatoeba-test-v2021-08-07) is removed, so models trained here can be evaluated there; then
/// <see cref="HeldOutPairs"/> valid and test pairs are drawn by English sentence with
/// <see cref="GroupedSplit"/> (seed <see cref="SplitSeed"/>), so alternative translations of one
/// English sentence never straddle splits.
/// </summary>
public sealed class Tatoeba : Dataset
{
    /// <summary>The seed of the fixed split, so <c>tatoeba:test:de-en</c> names one set everywhere.</summary>
    public const ulong SplitSeed = 20180513;
    /// <summary>Pairs in each of the valid and test splits.</summary>
    public const int HeldOutPairs = 2_000;

    sealed record Language(string Code, string Zip, string Member, long Lines, long Bytes, string Sha256, string Url, string TestFolder, string TestIso3);

    static readonly Language[] Languages =
    [
        new("de", "deu-eng.zip", "deu.txt", 169_813, 4_012_023, "b7688f84f99fa33c17397c14d8bd9cef1fdeb2ee0bf50074767023aee8926e28",
            "https://github.com/rioyshky/translation/raw/de48b7027f7318d77010a6e08ed928c10748c23d/deu-eng.zip", "deu-eng", "deu"),
        new("es", "spa-eng.zip", "spa-eng/spa.txt", 118_964, 2_767_131, "f80e581ae291aa34dd3aba7bd98b5e9505234da4318e2f3295df70a1520c7f61",
            "https://github.com/Hoangduc212001/hoang/raw/2cfd26f9551f5c2d614e8000500891801840a438/spa-eng.zip", "eng-spa", "spa"),
    ];

    static readonly ConcurrentDictionary<(string Root, string Language, int MaxLine), Lazy<Carved>> Cache = new();

    public override string Name => "tatoeba";
    public override string Description => "Tatoeba (manythings.org) de-en, es-en; seeded splits by English sentence, Tatoeba Challenge test pairs removed";
    public override string Homepage => "https://www.manythings.org/anki/";

    public override IReadOnlyList<DatasetSplit> Splits { get; } =
    [
        new("train", Directions(), null, "the rest"),
        new("valid", Directions(), HeldOutPairs, "by English sentence"),
        new("test", Directions(), HeldOutPairs, "by English sentence"),
    ];

    static LanguagePair[] Directions() => [new("de", "en"), new("en", "de"), new("es", "en"), new("en", "es")];

    static Language LanguageOf(DatasetSpec spec) =>
        Languages.First(l => l.Code == (spec.Languages.Source == "en" ? spec.Languages.Target : spec.Languages.Source));

    static DatasetFile ZipFile(Language l) => new($"tatoeba-manythings/{l.Zip}", l.Url, l.Lines, l.Bytes, l.Sha256);

    static DatasetFile TestFile(Language l, string iso3) =>
        OpusMtTestsets.File($"testsets/{l.TestFolder}/tatoeba-test-v2021-08-07.{iso3}");

    public override IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec)
    {
        var l = LanguageOf(spec);
        return [ZipFile(l), TestFile(l, "eng"), TestFile(l, l.TestIso3)];
    }

    /// <summary>One Tatoeba line: the English sentence, its translation, and the line number in the zip member.</summary>
    public readonly record struct Entry(string English, string Other, long Line);

    /// <summary>The split of one language's pairs, computed once per data directory.</summary>
    public sealed record Carved(IReadOnlyList<Entry> Kept, GroupedSplit Split, int RemovedAsTestOverlap, IReadOnlyList<SentencePair> TestSetPairs);

    protected override Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options)
    {
        var l = LanguageOf(spec);
        var part = spec.Split switch { "valid" => SplitPart.Valid, "test" => SplitPart.Test, _ => SplitPart.Train };
        bool englishSource = spec.Languages.Source == "en";
        return new Corpus(spec.ToString(), () =>
        {
            var carved = Carve(directory, l, options);
            return carved.Kept
                .Where(e => carved.Split.PartOf(AsPair(e, englishSource: true)) == part)
                .Select(e => AsPair(e, englishSource));
        }, part == SplitPart.Train ? null : HeldOutPairs, spec.Languages.Source, spec.Languages.Target);
    }

    /// <summary>The carved split for <paramref name="spec"/>'s language (for inspection and tests).</summary>
    public Carved CarvedFor(DatasetSpec spec, DataDirectory directory, CorpusReadOptions? options = null)
    {
        Validate(spec);
        var missing = MissingFiles(spec, directory);
        if (missing.Count > 0) throw MissingCorpus(spec, directory, missing);
        return Carve(directory, LanguageOf(spec), options ?? CorpusReadOptions.Default);
    }

    static SentencePair AsPair(Entry e, bool englishSource) =>
        new(englishSource ? e.English : e.Other, englishSource ? e.Other : e.English, Provenance.Human,
            e.Line.ToString(CultureInfo.InvariantCulture));

    static Carved Carve(DataDirectory directory, Language l, CorpusReadOptions options) =>
        Cache.GetOrAdd((directory.Root, l.Code, options.MaxLineLength), _ => new Lazy<Carved>(() =>
        {
            var testPairs = MosesFiles.Pair(
                TextLines.Read(directory.Locate(TestFile(l, "eng"))!, options.MaxLineLength), directory.Locate(TestFile(l, "eng"))!,
                TextLines.Read(directory.Locate(TestFile(l, l.TestIso3))!, options.MaxLineLength), directory.Locate(TestFile(l, l.TestIso3))!,
                Provenance.Human).ToList();
            var inTest = testPairs.Select(p => (p.Source, p.Target)).ToHashSet();
            var kept = new List<Entry>();
            int removed = 0;
            foreach (var entry in ReadZip(directory.Locate(ZipFile(l))!, l.Member, options.MaxLineLength))
            {
                if (inTest.Contains((entry.English, entry.Other))) removed++;
                else kept.Add(entry);
            }
            var split = GroupedSplit.Compute(kept.Select(e => AsPair(e, englishSource: true)), p => p.Source, HeldOutPairs, HeldOutPairs, SplitSeed);
            return new Carved(kept, split, removed, testPairs);
        })).Value;

    /// <summary>Streams the English/other pairs of a manythings zip without unpacking it.</summary>
    public static IEnumerable<Entry> ReadZip(string zipPath, string member, int maxLineLength = TextLines.DefaultMaxLineLength)
    {
        string name = $"{zipPath}!{member}";
        using var archive = OpenZip(zipPath);
        var entry = archive.GetEntry(member)
            ?? throw new InputException($"the zip has no member '{member}'", zipPath, hint: "is this the manythings.org Anki export?");
        long n = 0;
        foreach (var line in TextLines.Read(() => entry.Open(), name, maxLineLength))
        {
            var fields = line.Text.Split('\t');
            if (fields.Length < 2)
                throw new InputException("no tab: expected English<TAB>translation", name, line.Number);
            n++;
            yield return new Entry(fields[0], fields[1], line.Number);
        }
        if (n == 0) throw new InputException("empty file: no lines to read", name);
    }

    static ZipArchive OpenZip(string path)
    {
        try
        {
            return System.IO.Compression.ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"not a readable zip: {e.Message}", path);
        }
    }
}
