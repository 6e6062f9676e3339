using Regurgitate.Corpora;

namespace Regurgitate.Studies;

/// <summary>One training pair of a condition and who made its target ("human" or a generator's name).</summary>
public sealed record ComposedPair(string Source, string Target, string HumanTarget, string Origin)
{
    /// <summary>The pair as a training pair, its provenance human or the generator that made its target.</summary>
    public SentencePair ToSentencePair() =>
        new(Source, Target, Origin == HumanCondition.Origin ? Provenance.Human : Provenance.Machine(Origin));
}
