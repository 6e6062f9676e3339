using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Tokenization;
using Regurgitate.Training;
using static TorchSharp.torch;

namespace Regurgitate.Tests.Quality;

/// <summary>
/// A tiny model trained once (seconds) to reverse letter sequences ("a b c" → "c b a"), wrapped as a
/// <see cref="Translator"/>. The task is its own inverse, so the same model serves as the reverse model.
/// </summary>
public sealed class TinyReversalModel : IDisposable
{
    const int Vocabulary = 24;
    readonly Trainer trainer;
    readonly string directory = Path.Combine(Path.GetTempPath(), "regurg-quality-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The trained model with a letter tokenizer.</summary>
    public Translator Translator { get; }

    public TinyReversalModel()
    {
        var config = ModelConfig.Preset("tiny", Vocabulary) with { Dropout = 0, AttentionDropout = 0, ActivationDropout = 0 };
        var options = new TrainingOptions
        {
            BatchTokens = 400, LearningRate = 3e-3, WarmupSteps = 40, MaxEpochs = 20, Patience = 0, Seed = 7,
            ValidateBleu = false, SortChunkSize = 256,
        };
        trainer = Trainer.Open(directory, config, options, CPU);
        trainer.Train(Sequences(1000, seed: 11).Select(s => new TokenizedPair(s, [.. s.Reverse()])).ToList());
        Translator = new Translator(trainer.Model, new LetterTokenizer(), ownsModel: false);
    }

    /// <summary><paramref name="count"/> random sentences of 3-9 letters, as text ("d a f").</summary>
    public static List<string> Sentences(int count, int seed) => [.. Sequences(count, seed).Select(Text)];

    /// <summary>The sentence's letters reversed: the correct translation.</summary>
    public static string Reverse(string sentence) => string.Join(' ', sentence.Split(' ').Reverse());

    static List<int[]> Sequences(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, random.Next(3, 10)).Select(_ => random.Next(4, Vocabulary)).ToArray())];
    }

    static string Text(int[] ids) => string.Join(' ', ids.Select(i => (char)('a' + i - 4)));

    public void Dispose()
    {
        trainer.Dispose();
        if (Directory.Exists(directory)) Directory.Delete(directory, true);
    }

    /// <summary>One id per letter a..t; anything else is unknown.</summary>
    sealed class LetterTokenizer : ISubwordTokenizer
    {
        public int VocabularySize => Vocabulary;
        public int PadId => 0;
        public int BosId => 1;
        public int EosId => 2;
        public int UnkId => 3;
        public IReadOnlyList<int> Encode(string text) =>
            text.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(w => w.Length == 1 && w[0] - 'a' + 4 is var id && id >= 4 && id < Vocabulary ? id : UnkId).ToArray();
        public string Decode(IEnumerable<int> ids) => string.Join(' ', ids.Where(i => i >= 4).Select(i => (char)('a' + i - 4)));
    }
}
