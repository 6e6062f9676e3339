namespace Regurgitate.Detection;

/// <summary>
/// The labelled texts a detector trains on: human-written and machine-made targets, each optionally with its source.
/// With sources, the validation split keeps every text of one source on the same side: a reference held out for
/// validation whose machine translation was trained on shares its names and numbers with it, which makes validation
/// scores (and the audit's error rates measured on them) worse than on truly unseen sources.
/// </summary>
/// <param name="HumanTexts">Human-written targets.</param>
/// <param name="MachineTexts">Machine-made targets.</param>
/// <param name="HumanSources">The source of each human target (aligned), or null.</param>
/// <param name="MachineSources">The source of each machine target (aligned), or null.</param>
public sealed record DetectorTrainingSet(
    IReadOnlyList<string> HumanTexts, IReadOnlyList<string> MachineTexts,
    IReadOnlyList<string>? HumanSources = null, IReadOnlyList<string>? MachineSources = null)
{
    /// <summary>The key that decides a human text's side of the split: its source when known, else the text.</summary>
    internal string HumanGroup(int index) => HumanSources?[index] ?? HumanTexts[index];

    /// <summary>The key that decides a machine text's side of the split.</summary>
    internal string MachineGroup(int index) => MachineSources?[index] ?? MachineTexts[index];

    /// <summary>Throws an <see cref="InputException"/> when sources are given but not aligned with their texts.</summary>
    internal void Validate()
    {
        if (HumanSources != null && HumanSources.Count != HumanTexts.Count)
            throw new InputException($"{HumanTexts.Count} human texts but {HumanSources.Count} sources", hint: "sources must be aligned with targets line by line");
        if (MachineSources != null && MachineSources.Count != MachineTexts.Count)
            throw new InputException($"{MachineTexts.Count} machine texts but {MachineSources.Count} sources", hint: "sources must be aligned with targets line by line");
    }
}
