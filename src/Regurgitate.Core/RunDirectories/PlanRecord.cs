using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.IO;

namespace Regurgitate.RunDirectories;

/// <summary>plan.json: the study's cells in plan order with the keys of their inputs (what `study status` reads without the corpora).</summary>
public sealed record PlanRecord(string Study, string Spec, string SpecSha256, IReadOnlyList<PlanRecord.PlannedCell> Cells)
{
    /// <summary>One cell of the plan.</summary>
    public sealed record PlannedCell(string Cell, string Condition, string ConditionType, int Size, long Seed, string Key);

    /// <summary>Writes plan.json atomically.</summary>
    public void Write(string file) => AtomicFile.WriteAllText(file, new JsonObject
    {
        ["study"] = Study,
        ["spec"] = Spec,
        ["spec_sha256"] = SpecSha256,
        ["cells"] = new JsonArray(Cells.Select(c => (JsonNode)new JsonObject
        {
            ["cell"] = c.Cell, ["condition"] = c.Condition, ["condition_type"] = c.ConditionType, ["size"] = c.Size, ["seed"] = c.Seed, ["key"] = c.Key,
        }).ToArray()),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>Reads plan.json.</summary>
    public static PlanRecord Read(string file)
    {
        var record = RecordFields.ReadObject(file);
        var fields = new RecordFields(record, file);
        var cells = (record["cells"] as JsonArray ?? throw new InputException("the record has no \"cells\"", file)).Select(c =>
        {
            var cell = new RecordFields(c as JsonObject ?? throw new InputException("a cell is not a JSON object", file), file);
            return new PlannedCell(cell.RequiredString("cell"), cell.String("condition") ?? "", cell.String("condition_type") ?? "",
                checked((int)cell.RequiredInteger("size")), cell.RequiredInteger("seed"), cell.RequiredString("key"));
        }).ToList();
        return new PlanRecord(fields.RequiredString("study"), fields.String("spec") ?? "", fields.String("spec_sha256") ?? "", cells);
    }
}
