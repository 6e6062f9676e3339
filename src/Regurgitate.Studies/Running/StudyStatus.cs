using Regurgitate.IO;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Regurgitate.Studies;

/// <summary>Where a run stands: each cell done, running, failed or pending, time spent and an estimate of the time left.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Cells">Per cell in plan order: its id, size, state ("done", "failed", "running", "pending") and seconds or error.</param>
/// <param name="SecondsSpent">Training and decoding time of the finished cells.</param>
/// <param name="SecondsLeft">Estimated time for the cells not done (from the finished cells' seconds per pair), or null with nothing to go on.</param>
/// <param name="Finished">When the run finished, if it has.</param>
public sealed record StudyStatus(string Study, IReadOnlyList<StudyStatus.CellState> Cells, double SecondsSpent, double? SecondsLeft, string? Finished)
{
    /// <summary>One cell's state.</summary>
    public sealed record CellState(string Cell, int Size, string State, double? Seconds, double? Bleu, string? Error);

    /// <summary>Reads <paramref name="runDirectory"/> (its plan.json and cells/) without libtorch or the corpora.</summary>
    public static StudyStatus Read(string runDirectory)
    {
        string planFile = Path.Combine(runDirectory, "plan.json");
        if (!File.Exists(planFile))
            throw new InputException("is not a study run directory (no plan.json)", runDirectory, hint: "give the folder `regurg study run` wrote, e.g. runs/demo");
        var plan = JsonNode.Parse(File.ReadAllText(planFile))!.AsObject();
        var cells = new List<CellState>();
        foreach (var entry in plan["cells"]!.AsArray().Select(c => c!.AsObject()))
        {
            string id = (string)entry["cell"]!;
            int size = (int)entry["size"]!;
            string folder = Path.Combine(runDirectory, "cells", id);
            string resultFile = Path.Combine(folder, "result.json");
            var record = File.Exists(resultFile) ? JsonNode.Parse(File.ReadAllText(resultFile))!.AsObject() : null;
            bool current = record != null && (string?)record["key"] == (string?)entry["key"];
            var row = current ? CellResult.FromJson(record!["row"]!.AsObject()) : null;
            string state = WorkClaim.Holder(StudyRunner.CellClaim(runDirectory, id)) != null ? "running" : row?.Status ?? "pending";
            cells.Add(new CellState(id, size, state, row?.Seconds, row?.Bleu, row?.Error));
        }
        var done = cells.Where(c => c.State == "done" && c.Seconds != null).ToList();
        double spent = done.Sum(c => c.Seconds!.Value);
        double? left = null;
        if (done.Count > 0)
        {
            double perPair = spent / done.Sum(c => (double)c.Size);
            left = cells.Where(c => c.State is "pending" or "running").Sum(c => c.Size * perPair);
        }
        string? finished = null;
        string runJson = Path.Combine(runDirectory, "run.json");
        if (File.Exists(runJson)) finished = (string?)JsonNode.Parse(File.ReadAllText(runJson))?["finished"];
        return new StudyStatus((string)plan["study"]!, cells, spent, left, finished);
    }

    /// <summary>Seconds as h:mm:ss.</summary>
    public static string Clock(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
