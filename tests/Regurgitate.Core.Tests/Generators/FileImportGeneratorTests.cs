using Regurgitate.Generators;

namespace Regurgitate.Tests.Generators;

public class FileImportGeneratorTests
{
    [Fact]
    public async Task Imports_aligned_translations_with_a_provenance_label()
    {
        string dir = TestData.TemporaryDirectory("regurg-generators-");
        try
        {
            var german = TestData.GzipLines("multi30k/val.de.gz", 50);
            var english = TestData.GzipLines("multi30k/val.en.gz", 50);
            string path = Path.Combine(dir, "human.en");
            File.WriteAllLines(path, english);

            var generator = new FileImportGenerator(path, "multi30k-human");
            var results = await generator.GenerateAsync(german);

            Assert.Equal(english, results.Select(r => r.Text));
            Assert.Equal("multi30k-human", generator.Provenance.Label);
            Assert.Equal("file=human.en", generator.Provenance.Settings);
            Assert.Null(generator.BatchSize);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task A_line_count_mismatch_is_an_input_error_naming_the_file()
    {
        string dir = TestData.TemporaryDirectory("regurg-generators-");
        try
        {
            string path = Path.Combine(dir, "short.en");
            File.WriteAllLines(path, TestData.GzipLines("multi30k/val.en.gz", 9));
            var error = await Assert.ThrowsAsync<InputException>(() => new FileImportGenerator(path, "x").GenerateAsync(TestData.GzipLines("multi30k/val.de.gz", 10)));
            Assert.Equal(path, error.File);
            Assert.Contains("has 9 lines but there are 10 sources", error.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public async Task Lookup_backend_answers_known_sources_and_reports_unknown_ones()
    {
        string dir = TestData.TemporaryDirectory("regurg-generators-");
        try
        {
            var german = TestData.GzipLines("multi30k/val.de.gz", 20);
            var english = TestData.GzipLines("multi30k/val.en.gz", 20);
            File.WriteAllLines(Path.Combine(dir, "src.de"), german);
            File.WriteAllLines(Path.Combine(dir, "out.en"), english);
            using var generator = new BackendGenerator(FileLookupBackend.Load(Path.Combine(dir, "src.de"), Path.Combine(dir, "out.en")));

            var results = await generator.GenerateAsync([german[7], "nicht da", german[3]]);

            Assert.Equal(english[7], results[0].Text);
            Assert.Equal("source not found in the imported translations", results[1].Failure);
            Assert.Equal(english[3], results[2].Text);

            File.WriteAllLines(Path.Combine(dir, "out.en"), english.Take(19));
            Assert.Throws<InputException>(() => FileLookupBackend.Load(Path.Combine(dir, "src.de"), Path.Combine(dir, "out.en")));
        }
        finally { Directory.Delete(dir, true); }
    }
}
