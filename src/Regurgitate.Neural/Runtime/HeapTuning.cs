using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Regurgitate.Runtime;

/// <summary>
/// Keeps libtorch's large tensors on glibc's heap. A training step frees and reallocates blocks of
/// tens to hundreds of MB (logits, their gradients, feed-forward activations). glibc serves blocks
/// above 32 MB with mmap and gives them back with munmap, so every step faults in fresh zeroed pages:
/// a third of the CPU time of a cpu-small step was kernel time. Serving all blocks from the heap and
/// never trimming it made that step 1.8x faster at a similar peak RSS (BENCHMARKS.md, NMT).
/// Runs once, when this assembly loads, before any tensor exists. Users who set glibc's own
/// <c>MALLOC_*</c> tunables keep them; <c>REGURG_HEAP_TUNING=0</c> turns this off.
/// </summary>
public static class HeapTuning
{
    // From glibc's malloc.h.
    const int TrimThreshold = -1;
    const int MmapMax = -4;

    /// <summary>What was done to the allocator, for `regurg doctor`.</summary>
    public static string Status { get; private set; } = "not applied";

    [ModuleInitializer]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2255", Justification = "must run before libtorch allocates anything, whichever entry point loads the engine")]
    internal static void Apply()
    {
        if (!OperatingSystem.IsLinux()) { Status = "not applied (not Linux)"; return; }
        if (Environment.GetEnvironmentVariable("REGURG_HEAP_TUNING") == "0") { Status = "off (REGURG_HEAP_TUNING=0)"; return; }
        if (Environment.GetEnvironmentVariable("MALLOC_MMAP_MAX_") is not null || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") is not null)
        {
            Status = "left to the MALLOC_* environment";
            return;
        }
        try
        {
            bool ok = mallopt(MmapMax, 0) == 1 && mallopt(TrimThreshold, int.MaxValue) == 1;
            Status = ok ? "glibc: large blocks on the heap (M_MMAP_MAX=0), no trimming" : "glibc refused mallopt";
        }
        catch (EntryPointNotFoundException)
        {
            Status = "not applied (C library without mallopt)";
        }
        catch (DllNotFoundException)
        {
            Status = "not applied (no libc.so.6)";
        }
    }

    [DllImport("libc.so.6", ExactSpelling = true)]
    static extern int mallopt(int parameter, int value);
}
