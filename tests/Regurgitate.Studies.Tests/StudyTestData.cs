using Regurgitate.Corpora.Datasets;
using Regurgitate.Studies;

namespace Regurgitate.Tests;

/// <summary>Small study specs on the real Multi30k corpus, written into a fresh temporary folder per test.</summary>
internal sealed class StudyTestData : IDisposable
{
    public StudyTestData() => Directory.CreateDirectory(Folder);

    /// <summary>The test's folder (specs and run directories).</summary>
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "regurg-study-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The shared corpora, as the CLI would find them.</summary>
    public static DataDirectory Data => new(TestData.Root);

    /// <summary>The data block of the small specs: Multi30k with small seeded validation and test subsets.</summary>
    public const string DataBlock = """
        data:
          train: multi30k:train:de-en
          valid: multi30k:val:de-en
          test: multi30k:test_2016_flickr:de-en
          valid_limit: 40
          test_limit: 40
          overlap: drop
        """;

    /// <summary>
    /// A study small enough for tests on 2 cores: tiny students for one epoch on 60 or 120 pairs, and a
    /// teacher trained for one epoch on 150 pairs. <paramref name="teacherEpochs"/> lets a test edit the teacher.
    /// </summary>
    public static string SmallSpec(int teacherEpochs = 1, string mix = "{human: 0.5, weak: 0.5}", string seeds = "[1]") => $"""
        name: small
        {DataBlock}
        student:
          preset: tiny
          vocab_size: 400
          epochs: 1
          warmup: 20
        generators:
          weak: {"{"}type: teacher, pairs: 150, epochs: {teacherEpochs}, vocab_size: 400, warmup: 20, search: greedy{"}"}
        conditions:
          - human
          - synthetic: weak
          - mix: {mix}
        sizes: [60, 120]
        seeds: {seeds}
        """;

    /// <summary>Writes <paramref name="yaml"/> to a spec file in the test's folder.</summary>
    public string Write(string yaml, string name = "spec.yaml")
    {
        string path = Path.Combine(Folder, name);
        File.WriteAllText(path, yaml);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
