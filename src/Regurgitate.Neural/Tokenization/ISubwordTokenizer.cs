namespace Regurgitate.Tokenization;

/// <summary>
/// Turns text into subword ids and back. <see cref="Decode"/> of <see cref="Encode"/> must give
/// back the original text exactly: metrics score detokenized output.
/// </summary>
public interface ISubwordTokenizer
{
    /// <summary>Number of ids, special ones included.</summary>
    int VocabularySize { get; }
    /// <summary>Padding id (ignored by the loss).</summary>
    int PadId { get; }
    /// <summary>Beginning-of-sentence id (decoder start).</summary>
    int BosId { get; }
    /// <summary>End-of-sentence id.</summary>
    int EosId { get; }
    /// <summary>Unknown-piece id.</summary>
    int UnkId { get; }
    /// <summary>Subword ids of <paramref name="text"/>, without BOS/EOS.</summary>
    IReadOnlyList<int> Encode(string text);
    /// <summary>Text of <paramref name="ids"/>; special ids are skipped.</summary>
    string Decode(IEnumerable<int> ids);
}
