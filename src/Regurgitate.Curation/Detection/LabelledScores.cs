namespace Regurgitate.Detection;

/// <summary>Detector outputs with the truth: P(human) per text and whether the text really is human-written.</summary>
/// <param name="ProbabilityHuman">P(human) per text.</param>
/// <param name="IsHuman">The label of each text, aligned with <paramref name="ProbabilityHuman"/>.</param>
public sealed record LabelledScores(IReadOnlyList<double> ProbabilityHuman, IReadOnlyList<bool> IsHuman)
{
    /// <summary>Scores of <paramref name="human"/> texts followed by scores of <paramref name="machine"/> texts.</summary>
    public static LabelledScores Of(IReadOnlyList<double> human, IReadOnlyList<double> machine) =>
        new([.. human, .. machine], [.. Enumerable.Repeat(true, human.Count), .. Enumerable.Repeat(false, machine.Count)]);

    /// <summary>The scores of the human-written texts.</summary>
    public IReadOnlyList<double> Human() => [.. ProbabilityHuman.Where((_, i) => IsHuman[i])];

    /// <summary>The scores of the machine-made texts.</summary>
    public IReadOnlyList<double> Machine() => [.. ProbabilityHuman.Where((_, i) => !IsHuman[i])];
}
