using Regurgitate.Studies;
using Regurgitate.Training;

namespace Regurgitate.Tests;

/// <summary>
/// The effective training and decoding settings of every bundled study's student and teachers (and of a spec that
/// sets nothing), pinned to the values they had before the settings were declared once (issue 20): the study
/// defaults, the `student:` profile and the spec keys must keep giving exactly these, or cached results change.
/// </summary>
public sealed class StudySettingsPinTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    const string Pinned = """
        demo.yaml student: preset=tiny vocab=4000 tokenizer= init= | TrainingOptions { BatchTokens = 1024, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 200, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 8, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 7, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Greedy, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        demo.yaml teacher weak: preset=tiny vocab=4000 tokenizer= init= | TrainingOptions { BatchTokens = 1024, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 200, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 10, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Greedy, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        demo.yaml teacher strong: preset=tiny vocab=6000 tokenizer= init= | TrainingOptions { BatchTokens = 2048, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 400, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 8, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Greedy, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        llm-arm.yaml teacher other: preset=tiny vocab=6000 tokenizer= init= | TrainingOptions { BatchTokens = 2048, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 400, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 8, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Greedy, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        paper-cpu.yaml student: preset=tiny vocab=6000 tokenizer= init= | TrainingOptions { BatchTokens = 1024, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 200, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 10, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 7, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Greedy, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        paper-cpu.yaml teacher teacher: preset=tiny vocab=8000 tokenizer= init= | TrainingOptions { BatchTokens = 2048, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 400, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 10, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Beam, BeamSize = 4, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        paper-cpu.yaml teacher other: preset=tiny vocab=4000 tokenizer= init= | TrainingOptions { BatchTokens = 1024, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 200, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 10, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Beam, BeamSize = 4, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        strategies.yaml student: preset=tiny vocab=6000 tokenizer= init= | TrainingOptions { BatchTokens = 1024, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 200, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 10, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 7, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Greedy, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        strategies.yaml teacher teacher: preset=tiny vocab=8000 tokenizer= init= | TrainingOptions { BatchTokens = 2048, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 400, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 10, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Beam, BeamSize = 4, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        strategies.yaml teacher other: preset=tiny vocab=4000 tokenizer= init= | TrainingOptions { BatchTokens = 1024, AccumulationSteps = 1, LearningRate = 0.008, WarmupSteps = 200, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 10, MaxUpdates = , MaxMinutes = , Patience = 3, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Beam, BeamSize = 4, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        defaults.yaml student: preset=tiny vocab=4000 tokenizer= init= | TrainingOptions { BatchTokens = 2048, AccumulationSteps = 1, LearningRate = 0.0007, WarmupSteps = 4000, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 25, MaxUpdates = , MaxMinutes = , Patience = 5, Seed = 7, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Greedy, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        defaults.yaml teacher plain: preset=tiny vocab=4000 tokenizer= init= | TrainingOptions { BatchTokens = 2048, AccumulationSteps = 1, LearningRate = 0.0007, WarmupSteps = 4000, Beta1 = 0.9, Beta2 = 0.98, AdamEpsilon = 1E-09, WeightDecay = 0, LabelSmoothing = 0.1, ClipNorm = 1, MaxEpochs = 25, MaxUpdates = , MaxMinutes = , Patience = 5, Seed = 1, SaveEveryUpdates = 0, ValidateBleu = False, ReportEveryUpdates = 10, Precision = Float32, Objective = Completion, SortChunkSize = 16384 } | DecodingOptions { Strategy = Beam, BeamSize = 5, LengthPenalty = 1, MaxLengthA = 1.5, MaxLengthB = 10, Temperature = 1, TopK = 0, TopP = 1, Seed = 1, NBest = 1, BatchSize = 64, UseCache = True }
        """;

    const string Defaults = """
        name: defaults
        data:
          train: multi30k:train:de-en
          valid: multi30k:val:de-en
          test: multi30k:test_2016_flickr:de-en
        student: {}
        generators:
          plain: {type: teacher, pairs: 100}
        conditions: [human]
        sizes: [10]
        seeds: [1]
        """;

    [Fact]
    public void Bundled_specs_students_and_teachers_keep_their_effective_settings()
    {
        var specs = Directory.GetFiles(StudyPlanTests.BundledStudies(), "*.yaml").Order(StringComparer.Ordinal)
            .Select(StudySpec.Load).Append(StudySpec.Parse(Defaults, data.Write(Defaults, "defaults.yaml")));
        var lines = new List<string>();
        foreach (var spec in specs)
        {
            string file = Path.GetFileName(spec.File);
            if (spec.ApiStudent == null) lines.Add(Effective($"{file} student", spec.Student, 7));
            foreach (var teacher in spec.Generators.OfType<TeacherGenerator>())
                lines.Add(Effective($"{file} teacher {teacher.Name}", teacher.Training, teacher.Seed));
        }
        Assert.Equal(Pinned.Split('\n', StringSplitOptions.RemoveEmptyEntries), lines);
    }

    // What the trainer and the translator are given, in the records' own printed form (every property, so a new
    // default anywhere shows up here).
    static string Effective(string who, TrainingSpec t, long seed) =>
        $"{who}: preset={t.Preset} vocab={t.VocabularySize} tokenizer={t.TokenizerPath} init={t.Init} | {t.OptionsFor(seed)} | {t.Decoding}";
}
