using Regurgitate.Modeling;

namespace Regurgitate.Studies;

/// <summary>
/// A rough run-time estimate for `study plan`, from training cost per pair and epoch measured on a
/// 2-core CPU (issue 11's first try: tiny preset, 4k pairs, 25 epochs in 112 s; cpu-small 2.1x that),
/// and a greedy decoding cost per test sentence. Early stopping and update limits only shorten runs, so
/// the estimate leans high. Not a measurement.
/// </summary>
public static class StudyEstimate
{
    /// <summary>Seconds per training pair and epoch, per preset.</summary>
    public static double SecondsPerPairEpoch(string preset) => preset switch
    {
        ModelPresets.Tiny => 112.0 / (4000 * 25),
        ModelPresets.CpuSmall => 236.0 / (4000 * 14),
        _ => 10 * 236.0 / (4000 * 14),
    };

    /// <summary>Seconds to translate one sentence (greedy; beam costs about its width times more).</summary>
    public static double SecondsPerSentence(TrainingSpec spec) =>
        (spec.Preset == ModelPresets.Tiny ? 0.004 : 0.01) * (spec.Decoding.Strategy == Regurgitate.Decoding.DecodingStrategy.Beam ? spec.Decoding.BeamSize : 1);

    /// <summary>Estimated seconds to train a model of <paramref name="spec"/> on <paramref name="pairs"/> pairs and translate <paramref name="sentences"/>.</summary>
    public static double Training(TrainingSpec spec, int pairs, int sentences)
    {
        double epochs = spec.Options.MaxEpochs;
        double seconds = pairs * epochs * SecondsPerPairEpoch(spec.Preset);
        if (spec.Options.MaxMinutes is double minutes) seconds = Math.Min(seconds, minutes * 60);
        return seconds + sentences * SecondsPerSentence(spec);
    }

    /// <summary>Estimated seconds of a cell.</summary>
    public static double Cell(StudyPlan plan, StudyCell cell) => Training(plan.Spec.Student, cell.Size, plan.Test.Count);

    /// <summary>Estimated seconds of a generator: a teacher's training and test decoding, plus translating the pool (and the detector pool when a detector needs it).</summary>
    public static double Generator(StudyPlan plan, StudyGenerator generator) => generator switch
    {
        TeacherGenerator t => Training(t.Training, plan.TeacherPools[t.Name].Count, plan.Test.Count)
            + (plan.StudentPool.Count + DetectorSources(plan, t.Name)) * SecondsPerSentence(t.Training),
        _ => 0,
    };

    static int DetectorSources(StudyPlan plan, string generator) =>
        plan.Spec.Conditions.Any(c => c.Scores.Any(r => r.Kind == PairScoreRequest.Detector && r.DetectorGenerator == generator)) ? plan.DetectorPool.Count : 0;
}
