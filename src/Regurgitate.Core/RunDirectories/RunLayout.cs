namespace Regurgitate.RunDirectories;

/// <summary>
/// Where each file of a study's run directory lives (docs/run-directory.md). The runner, `study status`, workers,
/// Slurm and the report all find files here, so a path has one spelling.
/// </summary>
public sealed class RunLayout(string root)
{
    /// <summary>The run directory (full path).</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The marker that makes a folder one of our run directories (<see cref="RunMarker"/>).</summary>
    public string Marker => File(RunMarker.FileName);
    /// <summary>The spec as run.</summary>
    public string Spec => File("spec.yaml");
    /// <summary>Study-level facts.</summary>
    public string RunJson => File("run.json");
    /// <summary>The cells in plan order with their keys (<see cref="PlanRecord"/>).</summary>
    public string Plan => File("plan.json");
    /// <summary>One <see cref="CellResult"/> per cell with a result.</summary>
    public string Results => File("results.jsonl");
    /// <summary>The same rows, flat.</summary>
    public string ResultsCsv => File("results.csv");
    /// <summary>One <see cref="DataRow"/> per condition.</summary>
    public string Data => File("data.jsonl");
    /// <summary>One <see cref="GeneratorRow"/> per generator.</summary>
    public string Generators => File("generators.jsonl");
    /// <summary>The test set's sources.</summary>
    public string TestSource => File("test.src");
    /// <summary>The test set's human references.</summary>
    public string TestReference => File("test.ref");
    /// <summary>Held while results.jsonl is rewritten.</summary>
    public string ResultsClaim => File(".results.claim");
    /// <summary>Held by the worker that closes the run.</summary>
    public string CloseClaim => File(".close.claim");
    /// <summary>`study slurm`'s submissions, one numbered folder each.</summary>
    public string Slurm => File("slurm");
    /// <summary>The Slurm tasks' output.</summary>
    public string SlurmLogs => Path.Combine(Slurm, "logs");
    /// <summary>Every submitted Slurm job and its units.</summary>
    public string SlurmJobs => Path.Combine(Slurm, "jobs.json");
    /// <summary>The report as a web page.</summary>
    public string ReportHtml => File("report.html");
    /// <summary>The report in Markdown.</summary>
    public string ReportMarkdown => File("report.md");
    /// <summary>The report's figures (PNG and SVG).</summary>
    public string Figures => File("figures");

    /// <summary>A cell's folder.</summary>
    public string Cell(string cell) => Path.Combine(Root, "cells", cell);
    /// <summary>A cell's <see cref="CellRecord"/> (result.json).</summary>
    public string CellRecord(string cell) => Path.Combine(Cell(cell), "result.json");
    /// <summary>A cell's log.</summary>
    public string CellLog(string cell) => Path.Combine(Cell(cell), "log");
    /// <summary>The output of the <paramref name="index"/>-th worker process a parallel run (--jobs) started.</summary>
    public string WorkerLog(int index) => Path.Combine(Root, "workers", $"worker-{index}.log");
    /// <summary>Held while a process runs the cell, so no two run it and `study status` can tell running from pending.</summary>
    public string CellClaim(string cell) => Path.Combine(Cell(cell), ".claim");
    /// <summary>A cell's test-set translations, relative to the run directory as results.jsonl names them.</summary>
    public static string CellHypotheses(string cell) => $"cells/{cell}/test.hyp";
    /// <summary>A cell's per-sentence NLL of the test references (<c>NLL\tTOKENS</c> lines), relative to the run directory as results.jsonl names it.</summary>
    public static string CellSentenceNll(string cell) => $"cells/{cell}/test.nll";

    /// <summary>An artifact's folder.</summary>
    public string Artifact(string kind, string key) => Path.Combine(Root, "artifacts", kind, key);
    /// <summary>The claim held while an artifact is built.</summary>
    public string ArtifactClaim(string kind, string key) => Path.Combine(Root, "artifacts", kind, key + ".claim");
    /// <summary>An artifact's folder or file relative to the run directory, with '/' separators.</summary>
    public static string RelativeArtifact(string kind, string key, string? file = null) =>
        file == null ? $"artifacts/{kind}/{key}" : $"artifacts/{kind}/{key}/{file}";

    /// <summary>The full path of a path relative to the run directory.</summary>
    public string Resolve(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    string File(string name) => Path.Combine(Root, name);
}
