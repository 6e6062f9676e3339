namespace Regurgitate.Interventions;

/// <summary>
/// Word translation probabilities t(target word | source word) learned from sentence pairs with IBM Model 1
/// (Brown et al. 1993): EM from uniform, with a NULL source word, on lowercased words. Deterministic: the
/// pairs are visited in order and every sum is taken in the same order.
/// </summary>
public sealed class TranslationTable
{
    /// <summary>The empty source word that target words with no counterpart align to.</summary>
    public const string Null = "<null>";

    readonly Dictionary<string, int> sourceIds;
    readonly Dictionary<string, int> targetIds;
    readonly Dictionary<long, double> probabilities;

    TranslationTable(Dictionary<string, int> sourceIds, Dictionary<string, int> targetIds, Dictionary<long, double> probabilities)
    {
        this.sourceIds = sourceIds;
        this.targetIds = targetIds;
        this.probabilities = probabilities;
    }

    /// <summary>Trains on <paramref name="pairs"/> (raw text; words are split and lowercased here) for <paramref name="iterations"/> EM iterations.</summary>
    public static TranslationTable Train(IReadOnlyList<(string Source, string Target)> pairs, int iterations = 5, CancellationToken cancellation = default)
    {
        if (iterations < 1) throw new InputException($"the aligner needs at least one EM iteration, not {iterations}");
        var sourceIds = new Dictionary<string, int>(StringComparer.Ordinal) { [Null] = 0 };
        var targetIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var corpus = new List<(int[] Source, int[] Target)>(pairs.Count);
        foreach (var (source, target) in pairs)
        {
            int[] Ids(string[] words, Dictionary<string, int> ids) =>
                [.. words.Select(w => ids.TryGetValue(w, out int id) ? id : ids[w] = ids.Count)];
            corpus.Add(([0, .. Ids(WordForm.Keys(source), sourceIds)], Ids(WordForm.Keys(target), targetIds)));
        }

        // Uniform start: with every t equal the first E-step spreads each target word evenly over its sentence's source words.
        var t = new Dictionary<long, double>();
        int targets = Math.Max(1, targetIds.Count);
        double uniform = 1.0 / Math.Max(1, targetIds.Count);
        for (int iteration = 0; iteration < iterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            var counts = new Dictionary<long, double>(t.Count);
            var totals = new double[sourceIds.Count];
            foreach (var (source, target) in corpus)
            {
                foreach (int e in target)
                {
                    double denominator = 0;
                    foreach (int f in source) denominator += t.GetValueOrDefault(Pack(f, e, targets), uniform);
                    foreach (int f in source)
                    {
                        double share = t.GetValueOrDefault(Pack(f, e, targets), uniform) / denominator;
                        long key = Pack(f, e, targets);
                        counts[key] = counts.GetValueOrDefault(key) + share;
                        totals[f] += share;
                    }
                }
            }
            foreach (var key in counts.Keys.ToList()) counts[key] /= totals[(int)(key / targets)];
            t = counts;
        }
        return new TranslationTable(sourceIds, targetIds, t);
    }

    /// <summary>t(<paramref name="target"/> | <paramref name="source"/>) for lowercased words; 0 for pairs never seen together.</summary>
    public double Probability(string source, string target) =>
        sourceIds.TryGetValue(source, out int f) && targetIds.TryGetValue(target, out int e) ? probabilities.GetValueOrDefault(Pack(f, e)) : 0;

    /// <summary>
    /// For each of <paramref name="target"/>'s lowercased words, the source word it aligns to under the model
    /// (the most probable one, the first on ties, <see cref="Null"/> when none beats it).
    /// </summary>
    public string[] Align(string[] source, string[] target)
    {
        var alignment = new string[target.Length];
        for (int j = 0; j < target.Length; j++)
        {
            string best = Null;
            double bestProbability = Probability(Null, target[j]);
            foreach (var word in source)
            {
                double p = Probability(word, target[j]);
                if (p > bestProbability) { best = word; bestProbability = p; }
            }
            alignment[j] = best;
        }
        return alignment;
    }

    // f·|V_target| + e rather than f << 32 | e: a long's hash code XORs its halves, so the shifted form would
    // collide for every f ^ e alike and make the table quadratic.
    static long Pack(int source, int target, int targets) => (long)source * targets + target;

    long Pack(int source, int target) => Pack(source, target, targetIds.Count);
}
