namespace Regurgitate.Detection;

/// <summary>
/// Out-of-domain evaluation over a folder of MT system outputs and their human reference (as
/// wmt17-newstest-en-de-systems: reference.de and 16 systems' *.de, aligned by line): the AUC of each system
/// against the reference. A detector that only learned one generator's quirks scores near 0.5 on the others.
/// </summary>
public static class PerSystemEvaluation
{
    /// <summary>The reference and the system files of <paramref name="folder"/>: reference.EXT and every other *.EXT, in ordinal order.</summary>
    public static (string Reference, IReadOnlyList<string> Systems) Files(string folder)
    {
        if (File.Exists(folder)) throw new InputException("is a file, not a folder of system outputs", folder);
        if (!Directory.Exists(folder)) throw new InputException("folder of system outputs not found", folder);
        var references = Directory.GetFiles(folder, "reference.*").Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase)).ToArray();
        if (references.Length != 1)
            throw new InputException($"needs exactly one reference.* file, found {references.Length}", folder,
                hint: "a folder like wmt17-newstest-en-de-systems: reference.de and one file per system");
        string extension = Path.GetExtension(references[0]);
        var systems = Directory.GetFiles(folder, "*" + extension).Where(f => f != references[0]).Order(StringComparer.Ordinal).ToList();
        if (systems.Count == 0) throw new InputException($"no system files (*{extension}) beside the reference", folder);
        return (references[0], systems);
    }

    /// <summary>
    /// Each system against the reference, on the lines <paramref name="segments"/> (0-based; all when null), so that
    /// a detector trained on some of these lines is evaluated on the others.
    /// </summary>
    public static IReadOnlyList<SystemDetectionResult> Evaluate(MachineTextDetector detector, string folder, IReadOnlyList<int>? segments = null)
    {
        var (referencePath, systemPaths) = Files(folder);
        var reference = DetectorCorpus.Read(referencePath).Select(s => s.Text).ToList();
        var lines = segments ?? [.. Enumerable.Range(0, reference.Count)];
        foreach (int line in lines)
            if (line < 0 || line >= reference.Count) throw new InputException($"segment {line} is outside the reference's {reference.Count} lines", referencePath);
        var humanScores = detector.ProbabilityHuman([.. lines.Select(i => reference[i])]);
        var results = new List<SystemDetectionResult>();
        foreach (var path in systemPaths)
        {
            var system = DetectorCorpus.Read(path).Select(s => s.Text).ToList();
            if (system.Count != reference.Count)
                throw new InputException($"{system.Count} lines, but the reference has {reference.Count}", path, hint: "system files must be aligned with the reference");
            var machineScores = detector.ProbabilityHuman([.. lines.Select(i => system[i])]);
            results.Add(new SystemDetectionResult(SystemName(path), DetectorEvaluation.Evaluate(LabelledScores.Of(humanScores, machineScores))));
        }
        return results;
    }

    static string SystemName(string path) => Path.GetFileNameWithoutExtension(path);
}
