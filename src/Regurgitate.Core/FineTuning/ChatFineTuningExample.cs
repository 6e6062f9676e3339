namespace Regurgitate.FineTuning;

/// <summary>One example read back from a chat fine-tuning file: the pair it teaches and where it stood.</summary>
/// <param name="Source">The source sentence, recovered from the user message.</param>
/// <param name="Target">The assistant message: the translation taught.</param>
/// <param name="Line">1-based line of the file.</param>
public sealed record ChatFineTuningExample(string Source, string Target, long Line);
