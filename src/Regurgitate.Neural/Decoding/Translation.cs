namespace Regurgitate.Decoding;

/// <summary>One source sentence's translation.</summary>
/// <param name="Text">Detokenized best output.</param>
/// <param name="LogProbability">Model log-probability (natural log) of the output's subword tokens, EOS included.</param>
/// <param name="TokenCount">Subword tokens the log-probability covers (output tokens plus EOS).</param>
/// <param name="NBest">All returned outputs, best first (the first equals <paramref name="Text"/>), when more than one was asked for.</param>
/// <param name="NBestLogProbabilities">Log-probabilities of <paramref name="NBest"/>, in the same order.</param>
public sealed record Translation(
    string Text,
    double LogProbability,
    int TokenCount,
    IReadOnlyList<string>? NBest = null,
    IReadOnlyList<double>? NBestLogProbabilities = null);
