namespace Regurgitate.Decoding;

/// <summary>A finished output: subword ids (EOS excluded), total log-probability (EOS included), and search score.</summary>
/// <param name="Tokens">Output ids without BOS/EOS.</param>
/// <param name="LogProbability">Sum of the log-probabilities of all output tokens, EOS included.</param>
/// <param name="Score">What the search ranked by (length-normalized for beam search).</param>
public sealed record Hypothesis(int[] Tokens, double LogProbability, double Score);
