using Regurgitate.Tokenization;

namespace Regurgitate.Tests.Tokenization;

/// <summary>Tokenizers trained once per test run and shared by the tests that only read them.</summary>
internal static class SharedTokenizer
{
    /// <summary>8k joint vocabulary on all of Multi30k train (de + en), as the NMT models use.</summary>
    public static SubwordTokenizer Multi30k8k => multi30k8k.Value;
    static readonly Lazy<SubwordTokenizer> multi30k8k = new(() =>
        BpeTrainer.Train(TokenizationTestData.TrainBothSides, new BpeTrainerOptions(VocabularySize: 8000)));

    /// <summary>1k vocabulary on the first 4,000 lines of each side: small and quick.</summary>
    public static SubwordTokenizer Small => small.Value;
    static readonly Lazy<SubwordTokenizer> small = new(() => BpeTrainer.Train(SmallCorpus, new BpeTrainerOptions(VocabularySize: 1000)));

    public static IReadOnlyList<string> SmallCorpus =>
        [.. TestData.Multi30k("train", "de").Take(4000), .. TestData.Multi30k("train", "en").Take(4000)];
}
