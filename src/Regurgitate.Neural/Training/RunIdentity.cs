using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Regurgitate.Corpora;
using Regurgitate.IO;

namespace Regurgitate.Training;

/// <summary>
/// What defines a training run, recorded in its directory as <c>run-identity.json</c>: the data (fingerprints of
/// the training and validation pairs), the architecture, the tokenizer, the seed, the precision and every
/// option that changes the trajectory. A resume must match it; limits (minutes, updates, epochs), checkpoint
/// frequency, threads and device may change.
/// </summary>
/// <param name="Fields">Name → value, each name as the user would recognize it (an option name where there is one).</param>
public sealed record RunIdentity(IReadOnlyDictionary<string, string> Fields)
{
    /// <summary>The file in the run directory that records it.</summary>
    public const string FileName = "run-identity.json";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>The identity of <paramref name="request"/> with the tokenizer file the run uses.</summary>
    public static RunIdentity Of(TrainingRunRequest request, string tokenizerFile)
    {
        var o = request.Options;
        string F(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["training data"] = Fingerprint(request.Train),
            ["validation data"] = request.Valid == null ? "none" : Fingerprint(request.Valid),
            ["--preset"] = request.Preset,
            ["tokenizer"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(tokenizerFile))),
            ["--seed"] = o.Seed.ToString(CultureInfo.InvariantCulture),
            ["--precision"] = o.Precision.ToString(),
            ["--batch-tokens"] = o.BatchTokens.ToString(CultureInfo.InvariantCulture),
            ["--accumulate"] = o.AccumulationSteps.ToString(CultureInfo.InvariantCulture),
            ["--lr"] = F(o.LearningRate),
            ["--warmup"] = o.WarmupSteps.ToString(CultureInfo.InvariantCulture),
            ["--label-smoothing"] = F(o.LabelSmoothing),
            ["--clip-norm"] = F(o.ClipNorm),
            ["--patience"] = o.Patience.ToString(CultureInfo.InvariantCulture),
            ["--no-valid-bleu"] = (!o.ValidateBleu).ToString(),
            ["adam"] = $"{F(o.Beta1)},{F(o.Beta2)},{F(o.AdamEpsilon)},{F(o.WeightDecay)}",
            ["sort chunk"] = o.SortChunkSize.ToString(CultureInfo.InvariantCulture),
        };
        // Recorded only when they differ from what runs before them did, so older runs still resume.
        if (o.Objective != TrainingObjective.Completion) fields["--objective"] = ObjectiveNames.NameOf(o.Objective);
        if (request.Init != null) fields["--init"] = Path.GetFullPath(request.Init);
        if (request.LanguageModelText != null) fields["--lm-text"] = TextFingerprint(request.LanguageModelText);
        return new RunIdentity(fields);
    }

    /// <summary>SHA-256 over the pairs in order (source, tab, target, newline), with their count.</summary>
    public static string Fingerprint(IReadOnlyList<SentencePair> pairs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var pair in pairs) hash.AppendData(Encoding.UTF8.GetBytes(pair.Source + "\t" + pair.Target + "\n"));
        return $"{pairs.Count} pairs, sha256 {Convert.ToHexStringLower(hash.GetHashAndReset())}";
    }

    /// <summary>SHA-256 over text lines in order, each with a newline, with their count.</summary>
    public static string TextFingerprint(IReadOnlyList<string> lines)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var line in lines) hash.AppendData(Encoding.UTF8.GetBytes(line + "\n"));
        return $"{lines.Count} lines, sha256 {Convert.ToHexStringLower(hash.GetHashAndReset())}";
    }

    /// <summary>Each field that differs from <paramref name="recorded"/>, as "NAME (was A, now B)".</summary>
    public IReadOnlyList<string> DifferencesFrom(RunIdentity recorded) =>
        Fields.Keys.Union(recorded.Fields.Keys).Order(StringComparer.Ordinal)
            .Where(k => recorded.Fields.GetValueOrDefault(k) != Fields.GetValueOrDefault(k))
            .Select(k => $"{k} (was {recorded.Fields.GetValueOrDefault(k) ?? "not recorded"}, now {Fields.GetValueOrDefault(k) ?? "not given"})")
            .ToList();

    /// <summary>The identity recorded in <paramref name="runDirectory"/>, or null if none is.</summary>
    public static RunIdentity? Read(string runDirectory)
    {
        string file = Path.Combine(runDirectory, FileName);
        if (!File.Exists(file)) return null;
        try
        {
            var fields = JsonSerializer.Deserialize<SortedDictionary<string, string>>(File.ReadAllText(file));
            return fields == null ? throw new InputException("is empty", file) : new RunIdentity(fields);
        }
        catch (JsonException e)
        {
            throw new InputException($"is damaged ({e.Message})", file, hint: "the run directory is damaged; start a new --out");
        }
    }

    /// <summary>Records this identity in <paramref name="runDirectory"/> (atomically).</summary>
    public void Write(string runDirectory) =>
        AtomicFile.WriteAllText(Path.Combine(runDirectory, FileName), JsonSerializer.Serialize(Fields, Json));

    /// <summary>
    /// Checks a resume of <paramref name="runDirectory"/> against the recorded identity: a mismatch is an
    /// <see cref="InputException"/> naming what changed. A run with nothing recorded (older runs) gets this identity.
    /// </summary>
    public void CheckResumeOf(string runDirectory)
    {
        var recorded = Read(runDirectory);
        if (recorded == null) { Write(runDirectory); return; }
        var changed = DifferencesFrom(recorded);
        if (changed.Count > 0)
            throw new InputException($"cannot resume a different run: {string.Join("; ", changed)}",
                Path.Combine(runDirectory, FileName), hint: "resume with the same data and settings, or train into a new --out");
    }
}
