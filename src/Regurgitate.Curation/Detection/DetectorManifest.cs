using System.Text.Json;
using System.Text.Json.Serialization;
using Regurgitate.IO;

namespace Regurgitate.Detection;

/// <summary>
/// manifest.json of a saved detector: what kind it is, the features and settings it was trained with, how many
/// texts it saw, a fingerprint of those texts (so a study can check that no student trains on them), its
/// calibration and its validation metrics.
/// </summary>
/// <param name="FormatVersion">Version of the directory layout; <see cref="CurrentFormatVersion"/> when written.</param>
/// <param name="Kind">Linear or neural.</param>
/// <param name="Features">The features in words.</param>
/// <param name="Options">The training options (seed included).</param>
/// <param name="Counts">Texts given and used.</param>
/// <param name="DataFingerprint">SHA-256 (hex, first 16 bytes) of the labelled training texts in the order given.</param>
/// <param name="Calibration">The Platt scaling fitted on the validation share.</param>
/// <param name="Validation">Metrics on the validation share after calibration.</param>
/// <param name="Threshold">P(human) below which a text is flagged as machine-made.</param>
/// <param name="TruePositiveRate">Share of validation machine texts flagged.</param>
/// <param name="FalsePositiveRate">Share of validation human texts flagged.</param>
/// <param name="EpochsTrained">Neural: epochs run before early stopping (the best one's weights are kept); null for linear.</param>
public sealed record DetectorManifest(
    int FormatVersion, DetectorKind Kind, string Features, DetectorOptions Options, DetectorCounts Counts, string DataFingerprint,
    PlattScaling Calibration, DetectorMetrics Validation, double Threshold, double TruePositiveRate, double FalsePositiveRate,
    int? EpochsTrained = null)
{
    /// <summary>The directory layout this build writes and reads.</summary>
    public const int CurrentFormatVersion = 1;

    /// <summary>The manifest's file name inside a detector directory.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The JSON settings of detector files and reports: snake_case names, enums as lower-case strings, indented.</summary>
    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes the manifest into <paramref name="directory"/>.</summary>
    public void Write(string directory) => AtomicFile.WriteAllText(Path.Combine(directory, FileName), JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>Reads the manifest of <paramref name="directory"/>; a missing or broken one is an <see cref="InputException"/>.</summary>
    public static DetectorManifest Read(string directory)
    {
        string path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
            throw new InputException("not a detector directory: it has no " + FileName, directory, hint: "train one with `regurg detector train`");
        DetectorManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<DetectorManifest>(File.ReadAllText(path), Json);
        }
        catch (JsonException e)
        {
            throw new InputException($"corrupt detector manifest: {FirstSentence(e.Message)}", path, e.LineNumber is long line ? line + 1 : null, inner: e);
        }
        if (manifest == null || manifest.Options == null || manifest.Counts == null || manifest.Calibration == null || manifest.Validation == null)
            throw new InputException("corrupt detector manifest: fields are missing", path);
        if (manifest.FormatVersion != CurrentFormatVersion)
            throw new InputException($"detector format version {manifest.FormatVersion} is not the {CurrentFormatVersion} this build reads", path,
                hint: "retrain the detector with this build");
        return manifest;
    }

    static string FirstSentence(string message)
    {
        int end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return (end > 0 ? message[..end] : message).TrimEnd('.', ' ');
    }
}
