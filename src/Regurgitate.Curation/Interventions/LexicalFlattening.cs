namespace Regurgitate.Interventions;

/// <summary>
/// The diversity intervention: lowers the lexical diversity of human targets while keeping their meaning as
/// far as a word-for-word substitution can. From the training pairs themselves it learns word links with
/// IBM Model 1 in both directions, keeping the links both agree on. Target word w, linked in its sentence to
/// source word f, is *eligible* when f is the source word w is most often linked to, w renders f reliably
/// (at least two links, a share <see cref="FlattenOptions.LinkShare"/> of w's occurrences, and a lift of at
/// least <see cref="MinimumLift"/>), and f's most frequent rendering w′ is another word, more frequent in the
/// targets, that renders f reliably too. With strength s each eligible word becomes w′ with probability s
/// (one seeded draw per pair and word), so "bicycle" (Fahrrad) becomes "bike" and "road" (Straße) "street".
/// docs/interventions.md has the method and its measurements on Multi30k.
/// </summary>
public sealed class LexicalFlattening
{
    readonly TranslationTable table;
    readonly Dictionary<string, string> usualSource;
    readonly Dictionary<string, string> usualTarget;
    readonly Dictionary<string, long> frequency;
    readonly Dictionary<(string Source, string Target), long> links;
    readonly Dictionary<(string Source, string Target), double> lift;

    /// <summary>
    /// The least lift of a rendering: how much likelier the source word is in a sentence whose target has the word
    /// than in any sentence. Words with no counterpart ("is" in German captions without "ist") align to frequent
    /// source words ("ein") at chance level; true renderings ("bicycle" and "Fahrrad") co-occur far above it.
    /// </summary>
    public const double MinimumLift = 2;


    LexicalFlattening(FlattenOptions options, TranslationTable table, Dictionary<string, string> usualSource,
        Dictionary<string, string> usualTarget, Dictionary<string, long> frequency, Dictionary<(string Source, string Target), long> links,
        Dictionary<(string Source, string Target), double> lift)
    {
        this.links = links;
        this.lift = lift;
        Options = options;
        this.table = table;
        this.usualSource = usualSource;
        this.usualTarget = usualTarget;
        this.frequency = frequency;
    }

    /// <summary>The settings.</summary>
    public FlattenOptions Options { get; }

    /// <summary>Learns the alternatives from <paramref name="pairs"/> (the same training data it will flatten).</summary>
    public static LexicalFlattening Learn(IReadOnlyList<(string Source, string Target)> pairs, FlattenOptions options, CancellationToken cancellation = default)
    {
        options.Validate();
        var table = TranslationTable.Train(pairs, options.Iterations, cancellation);
        var reverse = TranslationTable.Train([.. pairs.Select(p => (p.Target, p.Source))], options.Iterations, cancellation);
        var links = new Dictionary<(string Source, string Target), long>();
        var frequency = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (source, target) in pairs)
        {
            var targetWords = WordForm.Keys(target);
            var sourceWords = WordForm.Keys(source);
            var aligned = table.Align(sourceWords, targetWords);
            // Only links both directions agree on (the intersection, Och & Ney 2003) count: a target word with no
            // counterpart (English "is" where the German caption has no verb) aligns forward to some frequent source
            // word, but that word's own best target is another.
            var backward = reverse.Align(targetWords, sourceWords);
            var agreed = new HashSet<(string, string)>(sourceWords.Zip(backward));
            for (int j = 0; j < targetWords.Length; j++)
            {
                frequency[targetWords[j]] = frequency.GetValueOrDefault(targetWords[j]) + 1;
                if (aligned[j] != TranslationTable.Null && agreed.Contains((aligned[j], targetWords[j]))) links[(aligned[j], targetWords[j])] = links.GetValueOrDefault((aligned[j], targetWords[j])) + 1;
            }
        }
        // Sentence-level co-occurrence of each linked pair, for its lift.
        var sentencesWith = new Dictionary<string, long>(StringComparer.Ordinal);
        var together = new Dictionary<(string, string), long>();
        foreach (var (source, target) in pairs)
        {
            var sourceTypes = WordForm.Keys(source).Select(f => "s:" + f).ToHashSet();
            var targetTypes = WordForm.Keys(target).ToHashSet();
            foreach (var f in sourceTypes) sentencesWith[f] = sentencesWith.GetValueOrDefault(f) + 1;
            foreach (var w in targetTypes) sentencesWith["t:" + w] = sentencesWith.GetValueOrDefault("t:" + w) + 1;
            foreach (var f in sourceTypes)
                foreach (var w in targetTypes)
                    if (links.ContainsKey((f[2..], w))) together[(f[2..], w)] = together.GetValueOrDefault((f[2..], w)) + 1;
        }
        var lift = together.ToDictionary(p => p.Key,
            p => (double)p.Value * pairs.Count / (sentencesWith["s:" + p.Key.Item1] * (double)sentencesWith["t:" + p.Key.Item2]));
        // Most links first, then ordinal order: ties are broken the same way on every run.
        var ordered = links.OrderByDescending(l => l.Value).ThenBy(l => l.Key.Source, StringComparer.Ordinal).ThenBy(l => l.Key.Target, StringComparer.Ordinal).ToList();
        var usualSource = new Dictionary<string, string>(StringComparer.Ordinal);
        var usualTarget = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var ((source, target), _) in ordered)
        {
            usualSource.TryAdd(target, source);
            usualTarget.TryAdd(source, target);
        }
        return new LexicalFlattening(options, table, usualSource, usualTarget, frequency, links, lift);
    }

    /// <summary>The more frequent alternative of target word <paramref name="word"/> when it renders source word <paramref name="source"/>, or null.</summary>
    public string? Alternative(string source, string word)
    {
        if (source == TranslationTable.Null || usualSource.GetValueOrDefault(word) != source) return null;
        if (!usualTarget.TryGetValue(source, out var alternative) || alternative == word) return null;
        if (frequency.GetValueOrDefault(alternative) <= frequency.GetValueOrDefault(word)) return null;
        return Renders(source, word) && Renders(source, alternative) ? alternative : null;
    }

    bool Renders(string source, string word)
    {
        long linked = links.GetValueOrDefault((source, word));
        return linked >= 2 && linked >= Options.LinkShare * frequency.GetValueOrDefault(word) && lift.GetValueOrDefault((source, word)) >= MinimumLift;
    }

    /// <summary>Flattens the target of pair <paramref name="index"/> given its <paramref name="source"/>.</summary>
    public InterventionResult Apply(long index, string source, string target)
    {
        var tokens = TargetNoise.Tokens(target);
        var forms = tokens.Select(WordForm.Of).ToArray();
        var wordAt = Enumerable.Range(0, forms.Length).Where(i => forms[i].Key.Length > 0).ToArray();
        var aligned = table.Align(WordForm.Keys(source), [.. wordAt.Select(i => forms[i].Key)]);
        var random = new PairRandom(Options.Seed, index, stream: 0xF1A7);
        int changed = 0;
        for (int w = 0; w < wordAt.Length; w++)
        {
            var form = forms[wordAt[w]];
            var alternative = Alternative(aligned[w], form.Key);
            if (alternative == null) continue;
            // One draw per eligible word, taken whatever the strength, so a stronger setting replaces a superset.
            if (random.NextDouble() >= Options.Strength) continue;
            tokens[wordAt[w]] = form.With(alternative);
            changed++;
        }
        return new InterventionResult(changed == 0 ? target : string.Join(" ", tokens), tokens.Length, changed);
    }
}
