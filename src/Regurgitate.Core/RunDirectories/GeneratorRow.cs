using System.Text.Json.Nodes;

namespace Regurgitate.RunDirectories;

/// <summary>
/// One row of generators.jsonl: a generator and its own score on the test set (null when not scored: only teachers
/// are); <see cref="Error"/> says why a generator failed.
/// </summary>
public sealed record GeneratorRow
{
    public required string Generator { get; init; }
    public required string Type { get; init; }
    public string? Description { get; init; }
    public double? TestBleu { get; init; }
    public double? TestChrf { get; init; }
    /// <summary>The teacher's test-set translations, relative to the run directory.</summary>
    public string? TestHypotheses { get; init; }
    public double? Seconds { get; init; }
    public string? Error { get; init; }

    /// <summary>The row, fields in the documented order.</summary>
    public JsonObject ToJson() => new()
    {
        ["generator"] = Generator,
        ["type"] = Type,
        ["description"] = Description,
        ["test_bleu"] = TestBleu,
        ["test_chrf"] = TestChrf,
        ["test_hypotheses"] = TestHypotheses,
        ["seconds"] = Seconds is double s ? Math.Round(s, 2) : null,
        ["error"] = Error,
    };

    /// <summary>Reads a row back.</summary>
    public static GeneratorRow FromJson(RecordFields fields) => new()
    {
        Generator = fields.RequiredString("generator"),
        Type = fields.String("type") ?? "",
        Description = fields.String("description"),
        TestBleu = fields.Number("test_bleu"),
        TestChrf = fields.Number("test_chrf"),
        TestHypotheses = fields.String("test_hypotheses"),
        Seconds = fields.Number("seconds"),
        Error = fields.String("error"),
    };
}
