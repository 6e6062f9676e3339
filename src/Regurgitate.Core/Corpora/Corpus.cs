using System.Collections;
using Regurgitate.Progress;

namespace Regurgitate.Corpora;

/// <summary>
/// A parallel corpus as a lazy, re-readable stream of <see cref="SentencePair"/>s: enumerating it
/// (re)opens its files, so millions of pairs never need to be in memory at once.
/// </summary>
public sealed class Corpus : IEnumerable<SentencePair>
{
    readonly Func<IEnumerable<SentencePair>> open;

    /// <summary>A corpus whose pairs come from <paramref name="open"/>, called once per enumeration.</summary>
    /// <param name="name">A short description for messages and tables (a file name, a dataset spec).</param>
    /// <param name="open">Returns a fresh lazy sequence each time.</param>
    /// <param name="knownCount">The number of pairs when known without reading (for progress), else null.</param>
    /// <param name="sourceLanguage">Source language code (e.g. "de"), if known.</param>
    /// <param name="targetLanguage">Target language code (e.g. "en"), if known.</param>
    public Corpus(string name, Func<IEnumerable<SentencePair>> open, long? knownCount = null,
        string? sourceLanguage = null, string? targetLanguage = null)
    {
        Name = name;
        this.open = open;
        KnownCount = knownCount;
        SourceLanguage = sourceLanguage;
        TargetLanguage = targetLanguage;
    }

    /// <summary>What this corpus is, for messages: a file name or a dataset spec.</summary>
    public string Name { get; }
    /// <summary>Pairs in the corpus when known in advance (datasets), else null.</summary>
    public long? KnownCount { get; }
    /// <summary>Source language code, if known.</summary>
    public string? SourceLanguage { get; }
    /// <summary>Target language code, if known.</summary>
    public string? TargetLanguage { get; }

    /// <summary>A corpus over pairs already in memory.</summary>
    public static Corpus FromPairs(string name, IReadOnlyCollection<SentencePair> pairs, string? sourceLanguage = null, string? targetLanguage = null) =>
        new(name, () => pairs, pairs.Count, sourceLanguage, targetLanguage);

    /// <summary>The same corpus with a different name/count, e.g. after filtering.</summary>
    public Corpus With(Func<IEnumerable<SentencePair>, IEnumerable<SentencePair>> transform, string? name = null, long? knownCount = null) =>
        new(name ?? Name, () => transform(open()), knownCount, SourceLanguage, TargetLanguage);

    /// <summary>
    /// The same corpus, reporting every few thousand pairs read (and at the end) to <paramref name="progress"/>
    /// under the task name <paramref name="task"/>.
    /// </summary>
    public Corpus Reporting(IProgress<ProgressUpdate>? progress, string task, string unit = "pairs") =>
        progress == null ? this : new(Name, () => Report(open(), progress, task, unit, KnownCount), KnownCount, SourceLanguage, TargetLanguage);

    static IEnumerable<SentencePair> Report(IEnumerable<SentencePair> pairs, IProgress<ProgressUpdate> progress, string task, string unit, long? total)
    {
        long done = 0;
        progress.Report(new ProgressUpdate(task, 0, total, unit));
        foreach (var pair in pairs)
        {
            yield return pair;
            if (++done % 4096 == 0) progress.Report(new ProgressUpdate(task, done, total, unit));
        }
        progress.Report(new ProgressUpdate(task, done, total ?? done, unit));
    }

    /// <inheritdoc />
    public IEnumerator<SentencePair> GetEnumerator() => open().GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => Name;
}
