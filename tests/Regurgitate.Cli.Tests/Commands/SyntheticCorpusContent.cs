using System.Text.Json.Nodes;
using Regurgitate.Cli;

namespace Regurgitate.Tests;

/// <summary>Runs `regurg` in-process or as a child process, and reads Multi30k, for the generate/serve tests.</summary>
internal static class GeneratorCliTestData
{
    public static string CorporaDirectory => SharedCorpora.Root;

    public static List<string> Lines(string relativePath, int count) => SharedCorpora.GzipLines(relativePath, count);

    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = await CommandLine.RunAsync(args, output, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>The corpus lines with the fields that measure a particular run (latency, attempts, cache hits) removed.</summary>
    public static List<string> Content(string path) =>
        File.ReadAllLines(path).Select(line =>
        {
            var o = JsonNode.Parse(line)!.AsObject();
            var meta = o["meta"]!.AsObject();
            meta.Remove("latency_ms");
            meta.Remove("attempts");
            meta.Remove("cached");
            return o.ToJsonString();
        }).ToList();

    /// <summary>A fresh temporary folder, removed when disposed.</summary>
    public sealed class Scratch : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "regurg-generate-" + Guid.NewGuid().ToString("N"));
        public Scratch() => Directory.CreateDirectory(Path);
        public string File(string name) => System.IO.Path.Combine(Path, name);
        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
        }
    }
}
