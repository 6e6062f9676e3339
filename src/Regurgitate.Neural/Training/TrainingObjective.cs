namespace Regurgitate.Training;

/// <summary>Which tokens of a training sequence the loss is computed on.</summary>
public enum TrainingObjective
{
    /// <summary>
    /// The target side only (translation; for a decoder-only model: the completion and its EOS, prompt tokens
    /// masked). The only objective of an encoder-decoder model, and the default.
    /// </summary>
    Completion,
    /// <summary>
    /// Language-model pretraining of a decoder-only model: every token of prompt + separator + completion + EOS
    /// after the first is predicted.
    /// </summary>
    [Regurgitate.Settings.SettingName("lm")]
    LanguageModel,
}
