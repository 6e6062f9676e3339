namespace Regurgitate.Training;

/// <summary>The names of <see cref="TrainingObjective"/> values as `regurg train --objective` and study specs spell them.</summary>
public static class ObjectiveNames
{
    /// <summary>Accepted names.</summary>
    public static IReadOnlyList<string> All { get; } = ["completion", "lm"];

    /// <summary>The name of <paramref name="objective"/>.</summary>
    public static string NameOf(TrainingObjective objective) => objective == TrainingObjective.LanguageModel ? "lm" : "completion";

    /// <summary>The objective called <paramref name="name"/>; an <see cref="InputException"/> for any other name.</summary>
    public static TrainingObjective Parse(string name) => name switch
    {
        "completion" => TrainingObjective.Completion,
        "lm" => TrainingObjective.LanguageModel,
        _ => throw new InputException($"unknown --objective '{name}'", hint: "use completion (loss on the target side) or lm (decoder-only pretraining: loss on every token)"),
    };
}
