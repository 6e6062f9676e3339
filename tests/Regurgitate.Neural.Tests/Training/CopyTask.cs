using Regurgitate.Modeling;
using Regurgitate.Tokenization;
using Regurgitate.Training;

namespace Regurgitate.Tests.Training;

/// <summary>A synthetic translation task: the target is the source reversed. Small enough to learn in seconds.</summary>
internal static class CopyTask
{
    public const int Vocabulary = 24;

    /// <summary><paramref name="count"/> random pairs of 3-9 ids from 4..Vocabulary-1, target = reversed source.</summary>
    public static List<TokenizedPair> Pairs(int count, int seed)
    {
        var random = new Random(seed);
        var pairs = new List<TokenizedPair>();
        for (int i = 0; i < count; i++)
        {
            var source = Enumerable.Range(0, random.Next(3, 10)).Select(_ => random.Next(4, Vocabulary)).ToArray();
            pairs.Add(new TokenizedPair(source, source.Reverse().ToArray()));
        }
        return pairs;
    }

    public static ModelConfig Config(double dropout = 0.1) =>
        ModelConfig.Preset("tiny", Vocabulary) with { Dropout = dropout, AttentionDropout = dropout, ActivationDropout = dropout };

    /// <summary>The decoder-only test preset over the task's vocabulary.</summary>
    public static ModelConfig LanguageModelConfig(double dropout = 0.1) =>
        ModelConfig.Preset("lm-tiny", Vocabulary) with { Dropout = dropout, AttentionDropout = dropout, ActivationDropout = dropout };

    public static TrainingOptions Options(long? maxUpdates) => new()
    {
        BatchTokens = 400,
        LearningRate = 3e-3,
        WarmupSteps = 40,
        MaxUpdates = maxUpdates,
        MaxEpochs = 1000,
        Patience = 0,
        Seed = 7,
        ValidateBleu = false,
        SortChunkSize = 256,
    };

    /// <summary>Writes ids as letters so that tokenizer-level code can be exercised.</summary>
    public sealed class LetterTokenizer : ISubwordTokenizer
    {
        public int VocabularySize => Vocabulary;
        public int PadId => 0;
        public int BosId => 1;
        public int EosId => 2;
        public int UnkId => 3;
        public IReadOnlyList<int> Encode(string text) =>
            text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length == 1 && w[0] - 'a' + 4 is var id && id >= 4 && id < Vocabulary ? id : UnkId).ToArray();
        public string Decode(IEnumerable<int> ids) =>
            string.Join(' ', ids.Where(i => i >= 4).Select(i => (char)('a' + i - 4)));
    }

    public static string Text(int[] ids) => string.Join(' ', ids.Select(i => (char)('a' + i - 4)));
}
