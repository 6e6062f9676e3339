using Regurgitate.Runtime;

namespace Regurgitate.Tests.Runtime;

/// <summary>The build-time patch, exercised on copies of TorchSharp's real native library.</summary>
public sealed class ElfVersionNeedPatcherTests : IDisposable
{
    const string StdCxx = "libstdc++.so.6";
    const string Gcc13Version = "GLIBCXX_3.4.32";
    static readonly string Unpatched = Path.Combine(AppContext.BaseDirectory, "unpatched-native", "libLibTorchSharp.so");
    readonly string scratch = Directory.CreateTempSubdirectory("regurg-elf-").FullName;

    public void Dispose() => Directory.Delete(scratch, recursive: true);

    string CopyOfUnpatched()
    {
        Assert.True(File.Exists(Unpatched), $"the test project copies the NuGet library to {Unpatched}");
        string copy = Path.Combine(scratch, "libLibTorchSharp.so");
        File.Copy(Unpatched, copy);
        return copy;
    }

    static Func<string, string, bool?> HostLacking(string library, string version) =>
        (l, v) => !(l == library && v == version);

    [Fact]
    public void Real_library_needs_gcc13_version_that_no_relocation_binds()
    {
        var needs = ElfVersionNeedPatcher.ReadNeededVersions(File.ReadAllBytes(CopyOfUnpatched()));
        var gcc13 = Assert.Single(needs, n => n.Library == StdCxx && n.Version == Gcc13Version);
        Assert.False(gcc13.IsWeak);
        Assert.False(gcc13.BoundByRelocation);
        // Sanity of the relocation scan: the library really binds older libstdc++ versions.
        Assert.Contains(needs, n => n.Library == StdCxx && n.BoundByRelocation);
    }

    [Fact]
    public void Patch_sets_only_the_weak_flag_of_the_missing_version()
    {
        string copy = CopyOfUnpatched();
        byte[] before = File.ReadAllBytes(copy);

        var outcome = ElfVersionNeedPatcher.Patch(copy, HostLacking(StdCxx, Gcc13Version));

        Assert.Equal(new[] { $"{StdCxx}:{Gcc13Version}" }, outcome.Weakened);
        Assert.Empty(outcome.Unfixable);
        byte[] after = File.ReadAllBytes(copy);
        Assert.Equal(before.Length, after.Length);
        var changed = Enumerable.Range(0, before.Length).Where(i => before[i] != after[i]).ToList();
        var single = Assert.Single(changed); // one bit in the low byte of vna_flags
        Assert.Equal(ElfVersionNeedPatcher.VerFlagWeak, after[single] ^ before[single]);
        Assert.True(ElfVersionNeedPatcher.ReadNeededVersions(after).Single(n => n.Version == Gcc13Version).IsWeak);
    }

    [Fact]
    public void Patch_is_idempotent_and_leaves_a_capable_host_untouched()
    {
        string copy = CopyOfUnpatched();
        byte[] original = File.ReadAllBytes(copy);

        var untouched = ElfVersionNeedPatcher.Patch(copy, (_, _) => true);
        Assert.False(untouched.Changed);
        Assert.Equal(original, File.ReadAllBytes(copy));

        ElfVersionNeedPatcher.Patch(copy, HostLacking(StdCxx, Gcc13Version));
        byte[] once = File.ReadAllBytes(copy);
        var again = ElfVersionNeedPatcher.Patch(copy, HostLacking(StdCxx, Gcc13Version));
        Assert.False(again.Changed);
        Assert.Equal(new[] { $"{StdCxx}:{Gcc13Version}" }, again.AlreadyWeak);
        Assert.Equal(once, File.ReadAllBytes(copy));
    }

    [Fact]
    public void A_missing_version_that_a_relocation_uses_is_reported_not_patched()
    {
        string copy = CopyOfUnpatched();
        byte[] original = File.ReadAllBytes(copy);
        var bound = ElfVersionNeedPatcher.ReadNeededVersions(original).First(n => n.BoundByRelocation);

        var outcome = ElfVersionNeedPatcher.Patch(copy, HostLacking(bound.Library, bound.Version));

        Assert.Equal(new[] { $"{bound.Library}:{bound.Version}" }, outcome.Unfixable);
        Assert.Empty(outcome.Weakened);
        Assert.Equal(original, File.ReadAllBytes(copy));
    }

    [Fact]
    public void Build_output_is_patched_exactly_when_this_host_lacks_the_version()
    {
        string loaded = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        bool? hostHas = ElfVersionNeedPatcher.HostLibraryVersions()(StdCxx, Gcc13Version);
        var need = ElfVersionNeedPatcher.ReadNeededVersions(File.ReadAllBytes(loaded)).Single(n => n.Version == Gcc13Version);
        Assert.Equal(hostHas == false, need.IsWeak);
        Assert.Equal(hostHas == false, TorchRuntime.DescribeCompatibilityFix(loaded) != null);
    }

    [Fact]
    public void Host_libstdcxx_versions_are_read_from_its_version_definitions()
    {
        var hostHas = ElfVersionNeedPatcher.HostLibraryVersions();
        Assert.True(hostHas(StdCxx, "GLIBCXX_3.4"));       // every libstdc++ since GCC 3.4
        Assert.False(hostHas(StdCxx, "GLIBCXX_99.0"));
        Assert.Null(hostHas("libdoes-not-exist.so.7", "X_1"));
    }

    [Fact]
    public void Non_elf_input_is_rejected()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeedPatcher.ReadNeededVersions(new byte[100]));
    }
}
