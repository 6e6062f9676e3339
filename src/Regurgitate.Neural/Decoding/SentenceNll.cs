namespace Regurgitate.Decoding;

/// <summary>One reference's negative log-likelihood under a model, by forced decoding (see <see cref="ReferenceLikelihood"/>).</summary>
/// <param name="Nll">Σ −ln p of the scored reference tokens, in nats.</param>
/// <param name="Tokens">Subword tokens scored: the reference's tokens and its end-of-sentence token, fewer when <paramref name="Truncated"/>.</param>
/// <param name="Truncated">Whether the reference was longer than the model's positions and only its first tokens were scored.</param>
public readonly record struct SentenceNll(double Nll, int Tokens, bool Truncated);
