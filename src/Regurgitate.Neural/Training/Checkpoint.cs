using System.Text.Json;
using Regurgitate.IO;
using Regurgitate.Modeling;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Regurgitate.Training;

/// <summary>
/// A training run's checkpoints on disk. Each checkpoint is a directory <c>checkpoints/update-N/</c> holding
/// <c>config.json</c>, <c>model.bin</c>, <c>optimizer.bin</c>, <c>dropout-rng.bin</c>, <c>state.json</c>;
/// it is written under a temporary name and renamed when complete, and only then do the pointer files
/// <c>last.json</c> / <c>best.json</c> (written atomically) name it. A kill at any moment leaves the previous
/// complete checkpoint in force.
/// </summary>
public static class Checkpoint
{
    /// <summary>Pointer file naming the most recent checkpoint.</summary>
    public const string LastPointer = "last.json";
    /// <summary>Pointer file naming the checkpoint with the best validation metric.</summary>
    public const string BestPointer = "best.json";
    const string ModelFile = "model.bin";
    const string ConfigFile = "config.json";
    const string OptimizerFile = "optimizer.bin";
    const string DropoutFile = "dropout-rng.bin";
    const string StateFile = "state.json";
    const string DamagedHint = "the checkpoint is damaged; delete it (and the pointer naming it) or train into a new --out";

    static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    sealed record Pointer(string Checkpoint);

    /// <summary>
    /// Writes a checkpoint of <paramref name="model"/>, <paramref name="optimizer"/> and <paramref name="state"/>
    /// into <paramref name="runDirectory"/> (state.json records it as best when <paramref name="isBest"/>), points <c>last.json</c> (and <c>best.json</c> if <paramref name="isBest"/>)
    /// at it, and deletes checkpoints no pointer names. Returns the checkpoint's directory name.
    /// </summary>
    public static string Save(string runDirectory, TranslationModel model, Adam optimizer, TrainingState state, bool isBest)
    {
        string checkpoints = Path.Combine(runDirectory, "checkpoints");
        Directory.CreateDirectory(checkpoints);
        // Never overwrite a checkpoint a pointer may name: a second save at the same update gets a suffix.
        string name = $"update-{state.Updates:D8}";
        for (int copy = 1; Directory.Exists(Path.Combine(checkpoints, name)); copy++) name = $"update-{state.Updates:D8}.{copy}";
        string final = Path.Combine(checkpoints, name);
        string temporary = Path.Combine(checkpoints, $".{name}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(temporary);
        try
        {
            File.WriteAllText(Path.Combine(temporary, ConfigFile), model.Config.ToJson());
            model.save(Path.Combine(temporary, ModelFile));
            optimizer.save_state_dict(Path.Combine(temporary, OptimizerFile));
            File.WriteAllBytes(Path.Combine(temporary, DropoutFile), model.Dropout.State);
            File.WriteAllText(Path.Combine(temporary, StateFile), JsonSerializer.Serialize(state, Json));
            CheckpointManifest.Write(temporary);
            Directory.Move(temporary, final);
        }
        catch
        {
            if (Directory.Exists(temporary)) Directory.Delete(temporary, recursive: true);
            throw;
        }
        AtomicFile.WriteAllText(Path.Combine(runDirectory, LastPointer), JsonSerializer.Serialize(new Pointer($"checkpoints/{name}")));
        if (isBest) AtomicFile.WriteAllText(Path.Combine(runDirectory, BestPointer), JsonSerializer.Serialize(new Pointer($"checkpoints/{name}")));
        RemoveUnreferenced(runDirectory);
        return name;
    }

    static void RemoveUnreferenced(string runDirectory)
    {
        var keep = new[] { LastPointer, BestPointer }
            .Select(p => Resolve(runDirectory, p))
            .Where(p => p != null)
            .Select(p => Path.GetFullPath(p!))
            .ToHashSet();
        foreach (var directory in Directory.EnumerateDirectories(Path.Combine(runDirectory, "checkpoints")))
        {
            if (keep.Contains(Path.GetFullPath(directory))) continue;
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The checkpoint directory a pointer file names, or null if there is none.</summary>
    public static string? Resolve(string runDirectory, string pointerFile)
    {
        string pointer = Path.Combine(runDirectory, pointerFile);
        if (!File.Exists(pointer)) return null;
        var parsed = Reading(pointer, "checkpoint pointer", () => JsonSerializer.Deserialize<Pointer>(File.ReadAllText(pointer)));
        if (parsed?.Checkpoint is not string)
            throw new InputException("is an empty checkpoint pointer", pointer, hint: "the run directory is damaged; delete the pointer to fall back");
        string directory = Path.Combine(runDirectory, parsed.Checkpoint);
        if (!File.Exists(Path.Combine(directory, ModelFile)))
            throw new InputException($"points at {parsed.Checkpoint}, which holds no {ModelFile}", pointer, hint: "the run directory is damaged; delete the pointer to fall back");
        return directory;
    }

    /// <summary>
    /// The checkpoint to translate with: <paramref name="path"/> itself if it holds a model, else the run's best,
    /// else its last checkpoint.
    /// </summary>
    public static string ResolveForInference(string path)
    {
        if (File.Exists(Path.Combine(path, ModelFile))) return path;
        if (!Directory.Exists(path)) throw new InputException("no such checkpoint or run directory", path);
        return Resolve(path, BestPointer) ?? Resolve(path, LastPointer)
               ?? throw new InputException("holds no checkpoint (no model.bin, best.json or last.json)", path);
    }

    /// <summary>Reads the model config of checkpoint <paramref name="checkpointDirectory"/>.</summary>
    public static ModelConfig ReadConfig(string checkpointDirectory)
    {
        string file = Path.Combine(checkpointDirectory, ConfigFile);
        if (!File.Exists(file)) throw new InputException("checkpoint has no config.json", checkpointDirectory, hint: DamagedHint);
        CheckpointManifest.Verify(checkpointDirectory, ConfigFile);
        return Reading(file, "model config", () => ModelConfig.FromJson(File.ReadAllText(file), file));
    }

    /// <summary>Builds the model of a checkpoint on <paramref name="device"/> and loads its weights.</summary>
    public static TranslationModel LoadModel(string checkpointDirectory, Device device)
    {
        var model = new TranslationModel(ReadConfig(checkpointDirectory), seed: 0, device);
        try
        {
            LoadWeights(checkpointDirectory, model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    static void LoadWeights(string checkpointDirectory, TranslationModel model)
    {
        string file = Path.Combine(checkpointDirectory, ModelFile);
        CheckpointManifest.Verify(checkpointDirectory, ModelFile);
        Reading(file, "model weights", () => model.load(file));
    }

    /// <summary>Restores weights, optimizer and dropout generator from a checkpoint and returns its training state.</summary>
    public static TrainingState Restore(string checkpointDirectory, TranslationModel model, Adam optimizer)
    {
        // The state is read first: it is the cheapest to find damaged, and nothing is changed before all is checked.
        string stateFile = Path.Combine(checkpointDirectory, StateFile);
        string optimizerFile = Path.Combine(checkpointDirectory, OptimizerFile);
        string rngFile = Path.Combine(checkpointDirectory, DropoutFile);
        foreach (var file in new[] { StateFile, OptimizerFile, DropoutFile })
        {
            if (!File.Exists(Path.Combine(checkpointDirectory, file)))
                throw new InputException($"checkpoint has no {file}", checkpointDirectory, hint: DamagedHint);
            CheckpointManifest.Verify(checkpointDirectory, file);
        }
        var state = Reading(stateFile, "training state", () => JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(stateFile), Json))
                    ?? throw new InputException("is an empty training state", stateFile, hint: DamagedHint);
        if (state.History == null || state.Epoch < 1 || state.Updates < 0 || state.BatchInEpoch < 0)
            throw new InputException("is not a complete training state", stateFile, hint: DamagedHint);
        LoadWeights(checkpointDirectory, model);
        Reading(optimizerFile, "optimizer state", () => optimizer.load_state_dict(optimizerFile));
        model.Dropout.Restore(File.ReadAllBytes(rngFile), rngFile);
        return state;
    }

    static void Reading(string file, string what, Action read) => Reading<object?>(file, what, () => { read(); return null; });

    // Damaged files surface from System.Text.Json and TorchSharp as assorted exceptions; the user gets the file and what it should be.
    static T Reading<T>(string file, string what, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not InputException and not OutOfMemoryException)
        {
            string reason = e.Message.Split('\n', 2)[0].Trim();
            throw new InputException($"is not readable as {what} ({(new FileInfo(file).Length == 0 ? "empty file" : reason)})", file, hint: DamagedHint, inner: e);
        }
    }
}
