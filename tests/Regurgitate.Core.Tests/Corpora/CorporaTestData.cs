using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Tests.Corpora;

/// <summary>Finds the shared corpora (REGURG_DATA_DIR, else a `shared/corpora` folder above the test binary) and makes scratch folders.</summary>
internal static class CorporaTestData
{
    public static DataDirectory Directory { get; } = Find();

    static DataDirectory Find() => new(SharedCorpora.Root);

    /// <summary>A fresh empty folder, deleted when disposed.</summary>
    public static ScratchFolder Scratch() => new();

    public sealed class ScratchFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "regurg-corpora-" + Guid.NewGuid().ToString("N"));
        public ScratchFolder() => System.IO.Directory.CreateDirectory(Path);
        public string File(string name) => System.IO.Path.Combine(Path, name);
        /// <summary>Every file in the folder, hidden temporaries included.</summary>
        public string[] Files() => [.. System.IO.Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order()];
        public void Dispose()
        {
            try { System.IO.Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
