using System.Reflection;
using Regurgitate.Decoding;
using Regurgitate.Modeling;
using Regurgitate.Settings;
using Regurgitate.Studies;
using Regurgitate.Training;

namespace Regurgitate.Tests;

/// <summary>
/// The study's training keys are the declared settings of <see cref="TrainingOptions"/> and <see cref="DecodingOptions"/>:
/// every property of those records is declared, docs/studies.md shows the table the declarations give, and artifact keys
/// follow the canonical serialization.
/// </summary>
public sealed class StudySettingsDeclarationTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    [Theory]
    [InlineData(typeof(TrainingOptions))]
    [InlineData(typeof(DecodingOptions))]
    public void Every_property_of_an_options_record_is_a_declared_setting_with_help(Type options)
    {
        var properties = options.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).Select(p => p.Name);
        Assert.Equal(properties.Order(), SettingsBinder.Of(options).Select(s => s.Name).Order());
        Assert.All(SettingsBinder.Of(options), s => Assert.False(string.IsNullOrWhiteSpace(s.Declaration.Help), s.Name));
        Assert.Equal(SettingsBinder.Of(options).Count, SettingsBinder.Of(options).Select(s => s.Key).Distinct().Count());
    }

    /// <summary>The spec keys table of docs/studies.md, as the declarations and the study profile give it.</summary>
    static string Table()
    {
        static string Cell(Setting s, object options) => s.Get(options) is null ? "none" : s.Format(s.Get(options));
        // A study offers only the searches of TrainingSpec.Searches.
        static string Valid(Setting s) => s.Range
            ?? (s.Name == nameof(DecodingOptions.Strategy) ? string.Join(", ", TrainingSpec.Searches.Select(v => s.Format(v)))
                : s.Choices.Count > 0 ? string.Join(", ", s.Choices.Select(c => c.Name)) : "any");
        static string Row(Setting s, object study, object commandLine) =>
            $"| `{s.Key}` | {(s.Declaration.Option is string o ? $"`{o}`" : "")} | {Cell(s, study)} | {Cell(s, commandLine)} | {Valid(s)} | {s.Declaration.Help} |";
        var rows = new List<string>
        {
            "| key | option of `regurg train`/`translate` | study default | their default | valid | what |",
            "|---|---|---|---|---|---|",
        };
        rows.AddRange(TrainingSpec.TrainingSettings.Select(n => Row(SettingsBinder.Named<TrainingOptions>(n), TrainingSpec.StudyTraining, new TrainingOptions())));
        rows.AddRange(TrainingSpec.DecodingSettings.Select(n => Row(SettingsBinder.Named<DecodingOptions>(n), new TrainingSpec().Decoding, DecodingOptions.Defaults)));
        return string.Join("\n", rows);
    }

    [Fact]
    public void Docs_show_every_study_training_key_as_declared()
    {
        string docs = File.ReadAllText(Path.Combine(StudyPlanTests.BundledStudies(), "..", "docs", "studies.md")).Replace("\r\n", "\n");
        string table = Table();
        Assert.True(docs.Contains(table, StringComparison.Ordinal), "docs/studies.md must hold this table (generated from the declarations):\n" + table);
    }

    [Fact]
    public void Student_and_cell_keys_follow_every_setting_that_defines_the_result()
    {
        string Spec(string student) => $"""
            name: keys
            {StudyTestData.DataBlock}
            student: {student}
            conditions: [human]
            sizes: [10]
            seeds: [1]
            """;
        TrainingSpec Student(string student) => StudySpec.Parse(Spec(student), data.Write(Spec(student))).Student;
        var plain = Student("{preset: tiny}");
        Assert.Contains(SettingsBinder.Canonical(plain.Options), plain.Key);
        Assert.Equal(SettingsBinder.Canonical(plain.Decoding), plain.DecodingKey);
        // Spelling a default out changes nothing; changing any setting changes the key.
        Assert.Equal(plain.Key, Student("{preset: tiny, epochs: 25, warmup: 4000}").Key);
        Assert.NotEqual(plain.Key, Student("{preset: tiny, warmup: 10}").Key);
        Assert.Equal(plain.Key, Student("{preset: tiny, precision: fp32}").Key);
        var bfloat = Student("{preset: tiny, precision: bf16}");
        Assert.Equal(MatmulPrecision.BFloat16, bfloat.Options.Precision);
        Assert.NotEqual(plain.Key, bfloat.Key);
        Assert.NotEqual(plain.Key, (plain with { Options = plain.Options with { LabelSmoothing = 0.2 } }).Key);
        Assert.NotEqual(plain.DecodingKey, Student("{preset: tiny, search: beam}").DecodingKey);
        // Progress cadence and checkpoint frequency change how a result is reached, not the result.
        Assert.Equal(plain.Key, (plain with { Options = plain.Options with { ReportEveryUpdates = 1, SaveEveryUpdates = 3 } }).Key);
    }

    [Theory]
    [InlineData("search: sample", "'student.search' must be greedy or beam, not 'sample'")]
    [InlineData("batch_tokens: 0", "'student.batch_tokens' must be at least 1, not 0")]
    [InlineData("lr: 0", "'student.lr' must be above 0, not 0")]
    [InlineData("beam_size: 0", "'student.beam_size' must be at least 1, not 0")]
    [InlineData("precision: fp16", "'student.precision' must be fp32 or bf16, not 'fp16'")]
    public void Bad_training_values_name_the_spec_line(string line, string message)
    {
        string yaml = $"""
            name: bad
            {StudyTestData.DataBlock}
            student:
              preset: tiny
              {line}
            conditions: [human]
            sizes: [10]
            seeds: [1]
            """;
        string file = data.Write(yaml);
        var error = Assert.Throws<InputException>(() => StudySpec.Parse(yaml, file));
        Assert.Equal(message, error.Problem);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Trim() == line) + 1, error.Line);
    }
}
