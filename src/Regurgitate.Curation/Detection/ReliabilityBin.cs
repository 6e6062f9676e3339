namespace Regurgitate.Detection;

/// <summary>One row of a reliability table: the texts whose P(human) fell in [<paramref name="Lower"/>, <paramref name="Upper"/>).</summary>
/// <param name="Lower">Lower edge of the bin.</param>
/// <param name="Upper">Upper edge (the last bin includes 1).</param>
/// <param name="Count">Texts in the bin.</param>
/// <param name="MeanPredicted">Their mean P(human); null when the bin is empty.</param>
/// <param name="ObservedHuman">The share of them that is human-written; null when the bin is empty.</param>
public sealed record ReliabilityBin(double Lower, double Upper, int Count, double? MeanPredicted, double? ObservedHuman);
