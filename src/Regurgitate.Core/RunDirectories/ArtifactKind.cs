namespace Regurgitate.RunDirectories;

/// <summary>The kinds of cached artifacts, each a folder of <c>artifacts/</c> keyed by a hash of its inputs.</summary>
public static class ArtifactKind
{
    /// <summary>The students' tokenizer.json.</summary>
    public const string Tokenizer = "tokenizer";
    /// <summary>A teacher's checkpoint and its test translations.</summary>
    public const string Teacher = "teacher";
    /// <summary>A generator's targets for a pool.</summary>
    public const string Generated = "generated";
    /// <summary>A per-pair score over the student pool.</summary>
    public const string Scores = "scores";
    /// <summary>A condition's training data at its largest size (data.jsonl's files).</summary>
    public const string Data = "data";
    /// <summary>A cell's trained student.</summary>
    public const string Student = "student";
    /// <summary>A cell's test-set translations.</summary>
    public const string Translation = "translation";
    /// <summary>A cell's negative log-likelihood of the test references, per sentence (keyed as its translation).</summary>
    public const string Likelihood = "likelihood";
}
