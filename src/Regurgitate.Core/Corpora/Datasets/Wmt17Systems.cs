using Regurgitate.Corpora.Formats;

namespace Regurgitate.Corpora.Datasets;

/// <summary>
/// WMT17 newstest2017 English→German: the English source, the human reference and the outputs of 16
/// submitted systems, each opened as its own corpus whose provenance is the system
/// (<c>wmt17-systems:uedin-nmt.4722:en-de</c>) or human (<c>wmt17-systems:reference:en-de</c>).
/// </summary>
public sealed class Wmt17Systems : Dataset
{
    /// <summary>The split holding the human reference translation.</summary>
    public const string Reference = "reference";

    /// <summary>The 16 submitted systems, as named in WMT17 and sacreBLEU's test fixture.</summary>
    public static IReadOnlyList<string> Systems { get; } =
    [
        "C-3MA.4959", "FBK.4870", "KIT.4950", "LIUM-NMT.4900", "LMU-nmt-reranked.4934", "LMU-nmt-single.4893",
        "PROMT-Rule-based.4735", "RWTH-nmt-ensemble.4921", "SYSTRAN.4847", "TALP-UPC.4834", "online-A.0", "online-B.0",
        "online-F.0", "online-G.0", "uedin-nmt.4722", "xmu.4910",
    ];

    static readonly LanguagePair EnDe = new("en", "de");

    public override string Name => "wmt17-systems";
    public override string Description => "WMT17 newstest2017 en-de: 16 MT systems' outputs and the human reference (3,004 segments)";
    public override string Homepage => "https://www.statmt.org/wmt17/results.html";

    public override IReadOnlyList<DatasetSplit> Splits { get; } =
        [new(Reference, [EnDe], 3_004, "human reference"), .. Systems.Select(s => new DatasetSplit(s, [EnDe], 3_004, "machine"))];

    public override string ManualDownloadNote =>
        "The system outputs are the sacreBLEU test fixture test/wmt17_en_de_systems.pkl.bz2 (github.com/mjpost/sacrebleu) unpacked to "
        + "<system>.de text files, or the WMT17 submissions (http://data.statmt.org/wmt17/translation-task/wmt17-submitted-data-v1.0.tgz, "
        + "txt/system-outputs/newstest2017/en-de/). The English source is OPUS-MT-testsets testsets/deu-eng/newstest2017.eng.";

    /// <summary>The provenance of a split: human for the reference, else the system as a machine generator.</summary>
    public static Provenance ProvenanceOf(string split) =>
        split == Reference ? Provenance.Human : new Provenance(Provenance.MachineOrigin, split, "wmt17=newstest2017;direction=en-de");

    static DatasetFile Source => OpusMtTestsets.File("testsets/deu-eng/newstest2017.eng");
    static DatasetFile Output(string split) => DatasetFile.Known($"wmt17-newstest-en-de-systems/{split}.de", null);

    public override IReadOnlyList<DatasetFile> FilesFor(DatasetSpec spec) => [Source, Output(spec.Split)];

    protected override Corpus OpenPresent(DatasetSpec spec, DataDirectory directory, CorpusReadOptions options) =>
        ReadAligned(spec, directory, Source, Output(spec.Split), options with { Provenance = ProvenanceOf(spec.Split) }, 3_004);
}
