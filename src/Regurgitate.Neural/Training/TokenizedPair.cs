namespace Regurgitate.Training;

/// <summary>A sentence pair as subword ids, without BOS/EOS (batching adds them).</summary>
/// <param name="Source">Source ids.</param>
/// <param name="Target">Target ids.</param>
public sealed record TokenizedPair(int[] Source, int[] Target);
