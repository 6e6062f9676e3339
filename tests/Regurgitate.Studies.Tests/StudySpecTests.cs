using Regurgitate.Decoding;
using Regurgitate.Studies;

namespace Regurgitate.Tests;

public sealed class StudySpecTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    const string Good = """
        name: good
        data:
          train: multi30k:train:de-en
          valid: multi30k:val:de-en
          test: multi30k:test_2016_flickr:de-en
        student:
          preset: tiny
          epochs: 3
        generators:
          weak: {type: teacher, pairs: 100}
          strong: {type: teacher, pairs: all, preset: cpu-small, search: beam, beam_size: 4}
        conditions:
          - human
          - synthetic: weak
          - name: half
            mix: {human: 0.5, strong: 0.25, weak: 0.25}
        sizes: {from: 100, step: 100, to: 300}
        seeds: 2
        """;

    /// <summary>Bad specs: each (what is wrong, the spec, the line the message must name, a phrase it must hold).</summary>
    public static TheoryData<string, string, int, string> BadSpecs() => new()
    {
        { "unknown top-level key", Good.Replace("seeds: 2", "seeds: 2\nsizez: [1]"), 19, "unknown key 'sizez'" },
        { "unknown student key", Good.Replace("  epochs: 3", "  epoch: 3"), 8, "unknown key 'student.epoch'" },
        { "missing test set", Good.Replace("  test: multi30k:test_2016_flickr:de-en\n", ""), 3, "missing required key 'data.test'" },
        { "unknown dataset", Good.Replace("multi30k:train:de-en", "nosuch:train:de-en"), 3, "'data.train'" },
        { "malformed dataset name", Good.Replace("multi30k:val:de-en", "multi30k-val"), 4, "not a dataset name:split:src-tgt" },
        { "condition names an undefined generator", Good.Replace("synthetic: weak", "synthetic: medium"), 14, "generator 'medium'" },
        { "mix shares do not sum to 1", Good.Replace("strong: 0.25", "strong: 0.5"), 16, "sum to 1" },
        { "unknown condition type", Good.Replace("- synthetic: weak", "- noisy: weak"), 14, "unknown condition type 'noisy'" },
        { "unknown preset", Good.Replace("preset: tiny", "preset: huge"), 7, "unknown model preset 'huge'" },
        { "zero size", Good.Replace("sizes: {from: 100, step: 100, to: 300}", "sizes: [0, 100]"), 17, "positive whole number" },
        { "invalid YAML", Good.Replace("  epochs: 3", "  epochs: 3\n bad: 1"), 9, "invalid YAML" },
        { "unknown teacher key", Good.Replace("pairs: 100}", "pairs: 100, epochz: 2}"), 10, "unknown key 'generators.weak.epochz'" },
        { "unknown generator type", Good.Replace("{type: teacher, pairs: 100}", "{type: gpt, model: x}"), 10, "unknown generator type 'gpt'" },
        { "two conditions with one name", Good.Replace("name: half", "name: human"), 15, "two conditions are named 'human'" },
        { "directions disagree", Good.Replace("multi30k:val:de-en", "multi30k:val:fr-en"), 4, "direction" },
        { "epochs not a number", Good.Replace("epochs: 3", "epochs: many"), 8, "'student.epochs' must be a whole number" },
        { "a seed twice", Good.Replace("seeds: 2", "seeds: [1, 1]"), 18, "seed twice" },
        { "overlap setting misspelt", Good.Replace("  test: multi30k:test_2016_flickr:de-en", "  test: multi30k:test_2016_flickr:de-en\n  overlap: ignore"), 6, "'data.overlap' must be error or drop" },
        { "teacher without pairs", Good.Replace("{type: teacher, pairs: 100}", "{type: teacher, epochs: 2}"), 10, "missing required key 'generators.weak.pairs'" },
    };

    [Theory]
    [MemberData(nameof(BadSpecs))]
    public void Bad_spec_names_file_line_and_key(string problem, string yaml, int line, string phrase)
    {
        string path = data.Write(yaml);
        var error = Assert.Throws<InputException>(() => StudySpec.Parse(File.ReadAllText(path), path));
        Assert.True(error.File == path, $"{problem}: names {error.File}");
        Assert.True(error.Line == line, $"{problem}: line {error.Line}, expected {line}: {error.Message}");
        Assert.Contains(phrase, error.Message);
        Assert.StartsWith($"{path}:{line}: ", error.Message);
    }

    [Fact]
    public void Good_spec_reads_every_part()
    {
        var spec = StudySpec.Parse(Good, data.Write(Good));
        Assert.Equal("good", spec.Name);
        Assert.Equal("de-en", spec.Data.Languages.ToString());
        Assert.False(spec.Data.DropOverlap);
        Assert.Equal([100, 200, 300], spec.Sizes);
        Assert.Equal([1L, 2L], spec.Seeds);
        Assert.Equal(["human", "synthetic-weak", "half"], spec.Conditions.Select(c => c.Name));
        var weak = Assert.IsType<TeacherGenerator>(spec.Generators[0]);
        Assert.Equal(100, weak.Pairs);
        Assert.Equal(DecodingStrategy.Beam, weak.Training.Decoding.Strategy); // teachers generate with beam search unless told otherwise
        var strong = Assert.IsType<TeacherGenerator>(spec.Generators[1]);
        Assert.Null(strong.Pairs);
        Assert.Equal("cpu-small", strong.Training.Preset);
        Assert.Equal(4, strong.Training.Decoding.BeamSize);
        var mix = Assert.IsType<MixCondition>(spec.Conditions[2]);
        Assert.Equal(["strong", "weak"], mix.Generators);
    }

    [Fact]
    public void External_generator_specs_embed_as_in_regurg_generate()
    {
        string yaml = Good.Replace("{type: teacher, pairs: 100}", "{type: apertium, mode: deu-eng}");
        var spec = StudySpec.Parse(yaml, data.Write(yaml));
        var external = Assert.IsType<ExternalGenerator>(spec.Generators[0]);
        Assert.Equal("apertium", external.Type);
        // The key is canonical: reordering or reformatting the mapping does not change it.
        string reordered = Good.Replace("{type: teacher, pairs: 100}", "{mode: deu-eng,   type: apertium}");
        Assert.Equal(external.Key, StudySpec.Parse(reordered, data.Write(reordered)).Generators[0].Key);
    }
}
