using System.Globalization;
using System.Text.Json.Nodes;
using Regurgitate.IO;
using Regurgitate.RunDirectories;

namespace Regurgitate.Studies;

/// <summary>Where a run stands: each cell done, running, failed or pending, time spent and an estimate of the time left.</summary>
/// <param name="Study">The study's name.</param>
/// <param name="Cells">Per cell in plan order: its id, size, state (<see cref="CellStatus"/>) and seconds or error.</param>
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
        var layout = new RunLayout(runDirectory);
        if (!File.Exists(layout.Plan))
            throw new InputException("is not a study run directory (no plan.json)", runDirectory, hint: "give the folder `regurg study run` wrote, e.g. runs/demo");
        var plan = PlanRecord.Read(layout.Plan);
        var cells = new List<CellState>();
        foreach (var entry in plan.Cells)
        {
            var row = CellRecord.ReadCurrent(layout.CellRecord(entry.Cell), entry.Key)?.Row;
            string state = WorkClaim.Holder(layout.CellClaim(entry.Cell)) != null ? CellStatus.Running : row?.Status ?? CellStatus.Pending;
            cells.Add(new CellState(entry.Cell, entry.Size, state, row?.Seconds, row?.Bleu, row?.Error));
        }
        var done = cells.Where(c => c.State == CellStatus.Done && c.Seconds != null).ToList();
        double spent = done.Sum(c => c.Seconds!.Value);
        double? left = null;
        if (done.Count > 0)
        {
            double perPair = spent / done.Sum(c => (double)c.Size);
            left = cells.Where(c => c.State is CellStatus.Pending or CellStatus.Running).Sum(c => c.Size * perPair);
        }
        string? finished = null;
        if (File.Exists(layout.RunJson)) finished = (string?)JsonNode.Parse(File.ReadAllText(layout.RunJson))?["finished"];
        return new StudyStatus(plan.Study, cells, spent, left, finished);
    }

    /// <summary>Seconds as h:mm:ss.</summary>
    public static string Clock(double seconds) => TimeSpan.FromSeconds(Math.Round(seconds)).ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
}
