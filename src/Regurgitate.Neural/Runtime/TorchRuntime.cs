using TorchSharp;

namespace Regurgitate.Runtime;

/// <summary>Facts about the libtorch runtime in this process, for `regurg doctor` and run records.</summary>
/// <param name="TorchSharpVersion">The TorchSharp assembly version.</param>
/// <param name="LibTorchVersion">The libtorch version TorchSharp was built with.</param>
/// <param name="Threads">Intra-op threads libtorch uses.</param>
/// <param name="CudaAvailable">Whether a CUDA device can be used.</param>
/// <param name="CudaDevices">How many CUDA devices there are.</param>
/// <param name="CompatibilityFix">What the build did to the native library for this host, or null if nothing.</param>
public sealed record TorchRuntime(string TorchSharpVersion, string LibTorchVersion, int Threads, bool CudaAvailable, int CudaDevices, string? CompatibilityFix)
{
    /// <summary>Loads libtorch (throws if it cannot) and describes it.</summary>
    public static TorchRuntime Describe()
    {
        bool cuda = torch.cuda.is_available();
        return new TorchRuntime(
            typeof(torch).Assembly.GetName().Version?.ToString() ?? "unknown",
            BundledLibTorchVersion,
            torch.get_num_threads(),
            cuda,
            cuda ? torch.cuda.device_count() : 0,
            DescribeCompatibilityFix(Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so")));
    }

    /// <summary>The libtorch release TorchSharp-cpu 0.107 ships.</summary>
    public const string BundledLibTorchVersion = "2.10.0";

    /// <summary>Lists the version needs the build marked weak in <paramref name="nativeLibrary"/>, or null if none.</summary>
    public static string? DescribeCompatibilityFix(string nativeLibrary)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(nativeLibrary)) return null;
        var hostHas = ElfVersionNeedPatcher.HostLibraryVersions();
        var weakened = ElfVersionNeedPatcher.ReadNeededVersions(File.ReadAllBytes(nativeLibrary))
            .Where(need => need.IsWeak && hostHas(need.Library, need.Version) == false)
            .Select(need => $"{need.Library}:{need.Version}")
            .ToList();
        return weakened.Count == 0 ? null : "marked weak (unused, missing on host): " + string.Join(", ", weakened);
    }

    /// <summary>Sets libtorch's intra-op thread count; 0 leaves libtorch's default.</summary>
    public static void SetThreads(int threads)
    {
        if (threads < 0) throw new InputException($"--threads must be 0 (default) or positive, not {threads}");
        if (threads > 0) torch.set_num_threads(threads);
    }

    /// <summary>Resolves "cpu" or "cuda[:N]", failing clearly when CUDA is asked for but absent.</summary>
    public static torch.Device ResolveDevice(string name)
    {
        if (name == "cpu") return torch.CPU;
        if (name == "cuda" || name.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!torch.cuda.is_available())
                throw new InputException($"device '{name}' asked for, but CUDA is not available",
                    hint: "this build uses TorchSharp-cpu; reference a TorchSharp CUDA package on a machine with an NVIDIA GPU, or use --device cpu");
            return torch.device(name);
        }
        throw new InputException($"unknown device '{name}'", hint: "use cpu, cuda or cuda:N");
    }
}
