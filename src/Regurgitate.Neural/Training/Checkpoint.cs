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
            optimizer.save_state_dict(Path.Combine(temporary, "optimizer.bin"));
            File.WriteAllBytes(Path.Combine(temporary, "dropout-rng.bin"), model.Dropout.State);
            File.WriteAllText(Path.Combine(temporary, "state.json"), JsonSerializer.Serialize(state, Json));
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
        var parsed = JsonSerializer.Deserialize<Pointer>(File.ReadAllText(pointer))
                     ?? throw new InputException("empty checkpoint pointer", pointer);
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
        if (!File.Exists(file)) throw new InputException("checkpoint has no config.json", checkpointDirectory);
        return ModelConfig.FromJson(File.ReadAllText(file), file);
    }

    /// <summary>Builds the model of a checkpoint on <paramref name="device"/> and loads its weights.</summary>
    public static TranslationModel LoadModel(string checkpointDirectory, Device device)
    {
        var model = new TranslationModel(ReadConfig(checkpointDirectory), seed: 0, device);
        model.load(Path.Combine(checkpointDirectory, ModelFile));
        return model;
    }

    /// <summary>Restores weights, optimizer and dropout generator from a checkpoint and returns its training state.</summary>
    public static TrainingState Restore(string checkpointDirectory, TranslationModel model, Adam optimizer)
    {
        model.load(Path.Combine(checkpointDirectory, ModelFile));
        optimizer.load_state_dict(Path.Combine(checkpointDirectory, "optimizer.bin"));
        string rngFile = Path.Combine(checkpointDirectory, "dropout-rng.bin");
        model.Dropout.Restore(File.ReadAllBytes(rngFile), rngFile);
        string stateFile = Path.Combine(checkpointDirectory, "state.json");
        return JsonSerializer.Deserialize<TrainingState>(File.ReadAllText(stateFile), Json)
               ?? throw new InputException("empty training state", stateFile);
    }
}
