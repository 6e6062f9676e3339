using Regurgitate.Progress;

namespace Regurgitate.Tokenization;

/// <summary>Settings for <see cref="BpeTrainer"/>.</summary>
/// <param name="VocabularySize">Ids in the finished vocabulary: the 4 specials, the 256 byte pieces, the alphabet and the merges.</param>
/// <param name="MinPairFrequency">Training stops early when no adjacent pair occurs this often.</param>
/// <param name="MinCharacterFrequency">Characters rarer than this stay out of the alphabet and are spelled with byte pieces.</param>
/// <param name="SplitByCharacterClass">Keep letters, digits and other symbols in separate pieces (SentencePiece's default); false lets BPE merge across them.</param>
/// <param name="Progress">Receives merge counts while training, if given.</param>
public sealed record BpeTrainerOptions(
    int VocabularySize = 8000,
    int MinPairFrequency = 2,
    int MinCharacterFrequency = 1,
    bool SplitByCharacterClass = true,
    IProgress<ProgressUpdate>? Progress = null)
{
    /// <summary>The smallest vocabulary that holds the specials, the byte pieces and the word-boundary piece.</summary>
    public const int MinimumVocabularySize = SubwordTokenizer.FirstCharacterId + 1;

    /// <summary>The defaults, for option help.</summary>
    public static BpeTrainerOptions Defaults { get; } = new();

    /// <summary>Checks the settings; throws <see cref="InputException"/> naming the command-line option at fault.</summary>
    public BpeTrainerOptions Validated()
    {
        if (VocabularySize < MinimumVocabularySize)
            throw new InputException($"--vocab-size {VocabularySize} is too small", hint: $"use at least {MinimumVocabularySize}: 4 specials, 256 byte pieces and the word boundary");
        if (MinPairFrequency < 1) throw new InputException($"--min-frequency {MinPairFrequency} must be at least 1");
        if (MinCharacterFrequency < 1) throw new InputException($"the minimum character frequency {MinCharacterFrequency} must be at least 1");
        return this;
    }
}
