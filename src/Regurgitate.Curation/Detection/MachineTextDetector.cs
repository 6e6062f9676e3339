using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Regurgitate.IO;

namespace Regurgitate.Detection;

/// <summary>
/// A detector of machine-made text: trained on human-written and machine-made target texts, it gives each text a
/// calibrated P(human). Training balances the classes, holds out a seeded validation share (calibration, early
/// stopping, and the error rates an <see cref="Audit"/> corrects for) and fits a <see cref="DetectorKind.Linear"/>
/// or <see cref="DetectorKind.Neural"/> model. The texts it trains on must stay out of every student's training
/// data, or the detector rewards exactly the pairs it has memorized: pass a held-out pool.
/// </summary>
public sealed class MachineTextDetector : IDisposable
{
    /// <summary>The file of validation scores (for the audit's TPR/FPR) inside a detector directory.</summary>
    public const string ValidationFileName = "validation.json";

    readonly IDetectorModel model;

    MachineTextDetector(IDetectorModel model, DetectorManifest manifest, LabelledScores validation)
    {
        this.model = model;
        Manifest = manifest;
        Validation = validation;
    }

    /// <summary>What was trained, how, on how much, and how well it did on the validation share.</summary>
    public DetectorManifest Manifest { get; }

    /// <summary>Calibrated P(human) of the held-out validation texts, with their labels.</summary>
    public LabelledScores Validation { get; }

    /// <summary>Trains a detector on human-written and machine-made texts without sources (see <see cref="Train(DetectorTrainingSet, DetectorOptions?, CancellationToken)"/>).</summary>
    public static MachineTextDetector Train(IReadOnlyList<string> humanTexts, IReadOnlyList<string> machineTexts,
        DetectorOptions? options = null, CancellationToken cancellationToken = default) =>
        Train(new DetectorTrainingSet(humanTexts, machineTexts), options, cancellationToken);

    /// <summary>
    /// Trains a detector on <paramref name="data"/>. <see cref="DetectorOptions.ValidationShare"/> of the sources (of the
    /// texts, when there are no sources) is held out; then each side is balanced by sampling the larger class down to
    /// the smaller. Same texts, options and seed → same detector.
    /// </summary>
    public static MachineTextDetector Train(DetectorTrainingSet data, DetectorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options = (options ?? DetectorOptions.Defaults).Validated();
        data.Validate();
        var random = new Random(options.Seed);
        var validationGroups = ValidationGroups(data, options.ValidationShare, random);
        var (humanTrain, humanValidation) = Split(data.HumanTexts, data.HumanGroup, validationGroups);
        var (machineTrain, machineValidation) = Split(data.MachineTexts, data.MachineGroup, validationGroups);
        int trainPerClass = Math.Min(humanTrain.Count, machineTrain.Count);
        int validationPerClass = Math.Min(humanValidation.Count, machineValidation.Count);
        if (trainPerClass < 5 || validationPerClass < 5)
            throw new InputException($"too few texts to train a detector: {data.HumanTexts.Count} human and {data.MachineTexts.Count} machine " +
                $"({trainPerClass} per class to train, {validationPerClass} to validate)",
                hint: $"give at least {(int)Math.Ceiling(5 / options.ValidationShare)} of each, from different sources");
        var human = Balanced(humanTrain, trainPerClass, random);
        var machine = Balanced(machineTrain, trainPerClass, random);
        // Interleave human and machine so no batch sees only one class.
        var trainTexts = new List<string>(2 * trainPerClass);
        var trainLabels = new List<bool>(2 * trainPerClass);
        for (int i = 0; i < trainPerClass; i++)
        {
            trainTexts.Add(human[i]); trainLabels.Add(true);
            trainTexts.Add(machine[i]); trainLabels.Add(false);
        }
        var validationTexts = Balanced(humanValidation, validationPerClass, random).Concat(Balanced(machineValidation, validationPerClass, random)).ToList();
        var validationLabels = LabelledScores.Of(new double[validationPerClass], new double[validationPerClass]).IsHuman;

        cancellationToken.ThrowIfCancellationRequested();
        IDetectorModel model = options.Kind == DetectorKind.Linear
            ? LinearDetectorModel.Train(trainTexts, trainLabels, options)
            : NeuralDetectorModel.Train(trainTexts, trainLabels, validationTexts, validationLabels, options, cancellationToken);
        try
        {
            var raw = model.RawProbabilityHuman(validationTexts);
            var calibration = PlattScaling.Fit(raw, validationLabels);
            var validation = new LabelledScores([.. raw.Select(calibration.Apply)], validationLabels);
            var manifest = new DetectorManifest(DetectorManifest.CurrentFormatVersion, options.Kind, model.Features, options,
                new DetectorCounts(data.HumanTexts.Count, data.MachineTexts.Count, trainPerClass, validationPerClass),
                Fingerprint(data.HumanTexts, data.MachineTexts), calibration, DetectorEvaluation.Evaluate(validation), MachineShareAudit.DefaultThreshold,
                FlagRate(validation.Machine()), FlagRate(validation.Human()), model.EpochsTrained);
            return new MachineTextDetector(model, manifest, validation);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>Calibrated P(human) of each text.</summary>
    public double[] ProbabilityHuman(IReadOnlyList<string> texts) =>
        [.. model.RawProbabilityHuman(texts).Select(Manifest.Calibration.Apply)];

    /// <summary>Estimates the share of machine-made texts in <paramref name="texts"/> (see <see cref="MachineShareAudit"/>).</summary>
    public MachineShareEstimate Audit(IReadOnlyList<string> texts, int bootstrapSamples = MachineShareAudit.DefaultBootstrapSamples, int seed = 1) =>
        MachineShareAudit.Estimate(ProbabilityHuman(texts), Validation, Manifest.Threshold, bootstrapSamples, seed);

    /// <summary>Saves the detector to <paramref name="directory"/> atomically: manifest.json, the model, validation.json.</summary>
    public void Save(string directory) => DetectorDirectory.Write(directory, temporary =>
    {
        model.Save(temporary);
        AtomicFile.WriteAllText(Path.Combine(temporary, ValidationFileName), JsonSerializer.Serialize(Validation, DetectorManifest.Json) + "\n");
        Manifest.Write(temporary);
    });

    /// <summary>Loads a detector saved by <see cref="Save"/>; a missing or broken directory is an <see cref="InputException"/>.</summary>
    public static MachineTextDetector Load(string directory)
    {
        if (File.Exists(directory)) throw new InputException("is a file, not a detector directory", directory);
        if (!Directory.Exists(directory))
            throw new InputException("detector directory not found", directory, hint: "train one with `regurg detector train --out DIR`");
        var manifest = DetectorManifest.Read(directory);
        var validation = ReadValidation(directory);
        IDetectorModel model = manifest.Kind == DetectorKind.Linear
            ? LinearDetectorModel.Load(directory, manifest.Options)
            : NeuralDetectorModel.Load(directory, manifest.Options);
        return new MachineTextDetector(model, manifest, validation);
    }

    /// <inheritdoc/>
    public void Dispose() => model.Dispose();

    static LabelledScores ReadValidation(string directory)
    {
        string path = Path.Combine(directory, ValidationFileName);
        if (!File.Exists(path)) throw new InputException($"detector file {ValidationFileName} is missing", directory, hint: "retrain the detector");
        try
        {
            var scores = JsonSerializer.Deserialize<LabelledScores>(File.ReadAllText(path), DetectorManifest.Json);
            if (scores?.ProbabilityHuman == null || scores.IsHuman == null || scores.ProbabilityHuman.Count != scores.IsHuman.Count)
                throw new InputException("corrupt validation scores: fields missing or of different lengths", path);
            return scores;
        }
        catch (JsonException e)
        {
            throw new InputException($"corrupt validation scores: {e.Message}", path, e.LineNumber is long line ? line + 1 : null, inner: e);
        }
    }

    /// <summary>The split keys held out: a seeded <paramref name="share"/> of the distinct keys, in order of first appearance.</summary>
    static HashSet<string> ValidationGroups(DetectorTrainingSet data, double share, Random random)
    {
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < data.HumanTexts.Count; i++) if (seen.Add(data.HumanGroup(i))) keys.Add(data.HumanGroup(i));
        for (int i = 0; i < data.MachineTexts.Count; i++) if (seen.Add(data.MachineGroup(i))) keys.Add(data.MachineGroup(i));
        var order = keys.ToArray();
        random.Shuffle(order);
        return new HashSet<string>(order.Take((int)Math.Round(order.Length * share)), StringComparer.Ordinal);
    }

    static (List<string> Train, List<string> Validation) Split(IReadOnlyList<string> texts, Func<int, string> group, HashSet<string> validation)
    {
        var train = new List<string>();
        var held = new List<string>();
        for (int i = 0; i < texts.Count; i++) (validation.Contains(group(i)) ? held : train).Add(texts[i]);
        return (train, held);
    }

    static List<string> Balanced(IReadOnlyList<string> texts, int count, Random random)
    {
        var order = Enumerable.Range(0, texts.Count).ToArray();
        random.Shuffle(order);
        return [.. order.Take(count).Select(i => texts[i])];
    }

    static double FlagRate(IReadOnlyList<double> probabilityHuman) =>
        probabilityHuman.Count(p => p < MachineShareAudit.DefaultThreshold) / (double)probabilityHuman.Count;

    /// <summary>SHA-256 over the labelled texts in the order given, so two detectors can be told to share training data.</summary>
    static string Fingerprint(IReadOnlyList<string> human, IReadOnlyList<string> machine)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (label, texts) in new[] { ("H", human), ("M", machine) })
            foreach (var text in texts) sha.AppendData(Encoding.UTF8.GetBytes(label + "\t" + text + "\n"));
        return Convert.ToHexStringLower(sha.GetHashAndReset())[..32];
    }
}
