namespace Regurgitate.Studies;

/// <summary>A stage of a study could not run (a generator failed, a condition is empty); the message says why.</summary>
public sealed class StudyStageException(string message) : Exception(message);
