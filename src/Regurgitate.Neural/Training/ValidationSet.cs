using Regurgitate.Tokenization;

namespace Regurgitate.Training;

/// <summary>Held-out pairs for validation loss, plus raw references and the tokenizer for validation BLEU.</summary>
/// <param name="Pairs">Tokenized pairs (loss, and sources to translate).</param>
/// <param name="References">Detokenized reference translations, one per pair; null skips BLEU.</param>
/// <param name="Tokenizer">Turns output ids back into text; null skips BLEU.</param>
public sealed record ValidationSet(IReadOnlyList<TokenizedPair> Pairs, IReadOnlyList<string>? References = null, ISubwordTokenizer? Tokenizer = null);
