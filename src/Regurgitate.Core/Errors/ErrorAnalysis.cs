using System.Text;
using Regurgitate.Diversity;

namespace Regurgitate.Errors;

/// <summary>
/// Finds likely translation errors segment by segment: reference-free signals (empty output,
/// copied source, repetition loops, length outliers, foreign script) and, with references,
/// sentence chrF and TER edit rate.
/// </summary>
public static class ErrorAnalysis
{
    /// <summary>
    /// Analyzes <paramref name="hypotheses"/> against their <paramref name="sources"/> and, when
    /// given, <paramref name="references"/> scored by <paramref name="scorer"/>. All lists are
    /// aligned line by line and must have the same length.
    /// </summary>
    /// <remarks>
    /// Length outliers: the signal is the log of (output + 1)/(source + 1) in characters without
    /// whitespace (characters, unlike words, need no tokenizer for any language; +1 keeps empty
    /// lines finite). It is turned into a robust z-score (<see cref="RobustZ"/>) whose centre and
    /// scale come from the human references' own log ratios when references are given (how long
    /// human translations of these sources are, and how much that varies); else the centre is the
    /// given <see cref="ErrorOptions.ExpectedLengthRatio"/> and the scale the outputs' own spread;
    /// else both come from the outputs themselves.
    /// </remarks>
    public static ErrorReport Analyze(
        IReadOnlyList<string> hypotheses,
        IReadOnlyList<string> sources,
        IReadOnlyList<string>? references,
        ErrorOptions options,
        IReferenceScorer? scorer = null,
        CancellationToken cancellationToken = default)
    {
        options.Validate();
        if (sources.Count != hypotheses.Count)
            throw new ArgumentException($"{hypotheses.Count} outputs but {sources.Count} sources: the files must be aligned line by line", nameof(sources));
        if (references != null && references.Count != hypotheses.Count)
            throw new ArgumentException($"{hypotheses.Count} outputs but {references.Count} references: the files must be aligned line by line", nameof(references));
        if (references != null && scorer == null)
            throw new ArgumentNullException(nameof(scorer), "references need a scorer for chrF and TER");

        int n = hypotheses.Count;
        var logRatios = new double[n];
        for (int i = 0; i < n; i++) logRatios[i] = LogLengthRatio(hypotheses[i], sources[i]);
        RobustZ lengthZ;
        string baseline;
        if (references != null)
        {
            // A blank reference (a gap in the test set) says nothing about human length: left out.
            var human = Enumerable.Range(0, n)
                .Select(i => VisibleLength(references[i]) == 0 ? double.NaN : LogLengthRatio(references[i], sources[i])).ToArray();
            lengthZ = RobustZ.From(human);
            baseline = $"human references: median length ratio {Math.Exp(lengthZ.Center):0.###}";
        }
        else if (options.ExpectedLengthRatio is { } ratio)
        {
            lengthZ = RobustZ.From(logRatios, Math.Log(ratio));
            baseline = $"given length ratio {ratio:0.###}, spread of the outputs' own ratios";
        }
        else
        {
            lengthZ = RobustZ.From(logRatios);
            baseline = $"the outputs' own median length ratio {Math.Exp(lengthZ.Center):0.###}";
        }

        var tokenizer = DiversityTokenizer.Create(DiversityTokenization.V13a, lowercase: true);
        var segments = new SegmentErrors[n];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            string hypothesis = hypotheses[i], source = sources[i];
            var hypothesisTokens = tokenizer.Tokenize(hypothesis);
            var sourceTokens = tokenizer.Tokenize(source);
            int hypothesisLength = VisibleLength(hypothesis), sourceLength = VisibleLength(source);
            double overlap = SourceCopy.Overlap(hypothesisTokens, sourceTokens);
            var loop = RepetitionLoop.Longest(hypothesisTokens, options.LoopMaxUnit);
            double repeated = RepetitionLoop.RepeatedNgramShare(hypothesisTokens, options.RepeatedNgramOrder);
            double z = lengthZ.Score(logRatios[i]);
            var (letters, foreign, scripts) = CountScripts(hypothesis, options.TargetScripts);
            ReferenceScores? referenceScores = references == null ? null : scorer!.Score(hypothesis, references[i]);

            var flags = ErrorFlags.None;
            bool empty = hypothesisLength == 0 && sourceLength > 0;
            if (empty) flags |= ErrorFlags.Empty;
            if (overlap >= options.CopyThreshold && SourceCopy.WordCount(hypothesisTokens) >= options.CopyMinWords) flags |= ErrorFlags.CopiedSource;
            if (loop.Copies >= options.LoopCopies || repeated >= options.RepeatedNgramThreshold) flags |= ErrorFlags.RepetitionLoop;
            // An empty output is flagged as empty, not also as a length outlier.
            if (!empty && Math.Abs(z) > options.LengthZThreshold) flags |= ErrorFlags.LengthOutlier;
            if (letters > 0 && (double)foreign / letters >= options.ForeignShareThreshold) flags |= ErrorFlags.ForeignScript;
            if (referenceScores != null && referenceScores.EditRate > options.EditRateThreshold) flags |= ErrorFlags.HighEditRate;

            segments[i] = new SegmentErrors(i + 1, sourceLength, hypothesisLength, references == null ? null : VisibleLength(references[i]),
                overlap, loop, repeated, Math.Exp(logRatios[i]), z, letters, foreign, scripts, referenceScores, flags);
        });

        var editRates = references == null ? null
            : EditRateDistribution.Of(segments.Select(s => s.Reference!).ToList(), options.EditRateThreshold);
        return new ErrorReport(segments, baseline, lengthZ, editRates, scorer?.Signature);
    }

    /// <summary>Characters without whitespace (Unicode scalar values).</summary>
    internal static int VisibleLength(string text)
    {
        int length = 0;
        foreach (var rune in text.EnumerateRunes())
            if (!Rune.IsWhiteSpace(rune)) length++;
        return length;
    }

    static double LogLengthRatio(string output, string source) => Math.Log((VisibleLength(output) + 1.0) / (VisibleLength(source) + 1.0));

    static (int Letters, int Foreign, IReadOnlyList<WritingScript> Scripts) CountScripts(string text, IReadOnlySet<WritingScript> allowed)
    {
        int letters = 0, foreign = 0;
        SortedSet<WritingScript>? scripts = null;
        foreach (var rune in text.EnumerateRunes())
        {
            if (WritingScripts.Of(rune) is not { } script) continue;
            letters++;
            if (allowed.Contains(script)) continue;
            foreign++;
            (scripts ??= []).Add(script);
        }
        return (letters, foreign, scripts == null ? [] : scripts.ToList());
    }
}
