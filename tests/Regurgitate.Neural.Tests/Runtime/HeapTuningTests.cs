using Regurgitate.Runtime;

namespace Regurgitate.Tests.Runtime;

public class HeapTuningTests
{
    [Fact]
    public void Loading_the_engine_on_glibc_keeps_large_tensors_on_the_heap()
    {
        // The module initializer has run: this test lives in an assembly that references the engine.
        bool environmentDecides = Environment.GetEnvironmentVariable("REGURG_HEAP_TUNING") == "0"
            || Environment.GetEnvironmentVariable("MALLOC_MMAP_MAX_") != null
            || Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_") != null;
        if (!OperatingSystem.IsLinux() || environmentDecides)
        {
            Assert.DoesNotContain("glibc:", HeapTuning.Status);
            return;
        }
        Assert.StartsWith("glibc: large blocks on the heap", HeapTuning.Status);
    }
}
