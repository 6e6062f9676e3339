using Regurgitate.Cli;

namespace Regurgitate.Tests;

/// <summary>Runs `regurg` in-process and finds the shared corpora for the corpus command tests.</summary>
internal static class CorpusCliTestData
{
    public static string DataDir { get; } = FindDataDir();

    static string FindDataDir() => SharedCorpora.Root;

    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CommandLine.RunAsync(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>A fresh temporary folder, removed when disposed.</summary>
    public sealed class Scratch : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "regurg-cli-" + Guid.NewGuid().ToString("N"));
        public Scratch() => Directory.CreateDirectory(Path);
        public string File(string name) => System.IO.Path.Combine(Path, name);
        public string[] Files() => [.. Directory.GetFiles(Path, "*", SearchOption.AllDirectories).Select(f => System.IO.Path.GetRelativePath(Path, f)).Order()];
        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
