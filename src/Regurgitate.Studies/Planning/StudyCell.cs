using System.Globalization;

namespace Regurgitate.Studies;

/// <summary>One cell of a study: a student trained under one condition at one size with one seed.</summary>
public sealed record StudyCell(StudyCondition Condition, int Size, long Seed)
{
    /// <summary>The cell id, e.g. <c>synthetic-weak.n2000.s1</c>: its folder under cells/ and its row in results.</summary>
    public string Id => string.Create(CultureInfo.InvariantCulture, $"{Condition.Name}.n{Size}.s{Seed}");
}
