namespace Regurgitate;

/// <summary>
/// A long-running job (training, generation, a study) stopped because it was asked to (SIGINT, SIGTERM)
/// after keeping what a rerun needs to resume; the message says what was kept. The CLI prints it as one
/// line and exits with the signal's code (130, 143).
/// </summary>
public sealed class InterruptedRunException(string kept, Exception? inner = null) : OperationCanceledException(kept, inner);
