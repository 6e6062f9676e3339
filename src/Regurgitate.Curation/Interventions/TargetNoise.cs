namespace Regurgitate.Interventions;

/// <summary>
/// The error-rate intervention: corrupts a controlled share of a target's whitespace tokens by drop, swap
/// and substitute, so that error rate can be raised on human data with everything else fixed. The number
/// of tokens corrupted in a target of n tokens is ⌊r·n⌋ plus one with probability r·n − ⌊r·n⌋, so the
/// corpus-level share is r in expectation with little spread. Which tokens and how are drawn from a
/// stream seeded by (seed, pair index) alone, and substitutes from the vocabulary given at creation (in a
/// study, the whole pool's), so a pair is noised the same way at every training size.
/// </summary>
public sealed class TargetNoise
{
    readonly string[] words;
    readonly long[] cumulative;
    readonly (NoiseOperation Operation, double Share)[] shares;

    TargetNoise(NoiseOptions options, string[] words, long[] cumulative)
    {
        Options = options;
        this.words = words;
        this.cumulative = cumulative;
        shares = [.. options.Mix.Shares];
    }

    /// <summary>The settings.</summary>
    public NoiseOptions Options { get; }

    /// <summary>Distinct words substitutes are drawn from.</summary>
    public int Vocabulary => words.Length;

    /// <summary>
    /// A noiser whose substitutes come from the whitespace tokens of <paramref name="targets"/> (the same
    /// training data's targets), each drawn with probability proportional to its count.
    /// </summary>
    public static TargetNoise Create(IEnumerable<string> targets, NoiseOptions options)
    {
        options.Validate();
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var target in targets)
            foreach (var token in Tokens(target))
                counts[token] = counts.GetValueOrDefault(token) + 1;
        // Ordinal order makes the table (and so every draw) independent of the order the counts were met in.
        var words = counts.Keys.Order(StringComparer.Ordinal).ToArray();
        var cumulative = new long[words.Length];
        long total = 0;
        for (int i = 0; i < words.Length; i++) cumulative[i] = total += counts[words[i]];
        if (options.Mix.Substitute > 0 && words.Length < 2)
            throw new InputException("substitution needs a target vocabulary of at least two words", hint: "give more training targets or leave out substitute");
        return new TargetNoise(options, words, cumulative);
    }

    /// <summary>Noises the target of pair <paramref name="index"/> (its position in the training data).</summary>
    public InterventionResult Apply(long index, string target)
    {
        var tokens = Tokens(target).ToList();
        int n = tokens.Count;
        if (n == 0 || Options.Rate == 0) return new InterventionResult(target, n, 0);
        var random = new PairRandom(Options.Seed, index);
        double expected = Options.Rate * n;
        int count = (int)Math.Floor(expected);
        if (random.NextDouble() < expected - count) count++;
        count = Math.Min(count, n);

        // A partial Fisher-Yates shuffle picks `count` distinct positions; they are then edited left to right.
        var positions = Enumerable.Range(0, n).ToArray();
        for (int i = 0; i < count; i++)
        {
            int j = i + random.Next(n - i);
            (positions[i], positions[j]) = (positions[j], positions[i]);
        }
        var chosen = positions.Take(count).Order().ToArray();
        var dropped = new bool[n];
        int kept = n;
        foreach (int p in chosen)
        {
            var operation = Draw(ref random);
            // A target never loses its last token: an empty line is a different error (and breaks alignment tools).
            if (operation == NoiseOperation.Drop && kept == 1) operation = words.Length >= 2 ? NoiseOperation.Substitute : NoiseOperation.Swap;
            if (operation == NoiseOperation.Swap && n == 1) operation = words.Length >= 2 ? NoiseOperation.Substitute : NoiseOperation.Drop;
            switch (operation)
            {
                case NoiseOperation.Drop:
                    if (kept > 1) { dropped[p] = true; kept--; }
                    break;
                case NoiseOperation.Swap:
                    int q = p + 1 < n ? p + 1 : p - 1;
                    (tokens[p], tokens[q]) = (tokens[q], tokens[p]);
                    break;
                case NoiseOperation.Substitute:
                    tokens[p] = Substitute(tokens[p], ref random);
                    break;
            }
        }
        var text = string.Join(" ", tokens.Where((_, i) => !dropped[i]));
        return new InterventionResult(text, n, count);
    }

    NoiseOperation Draw(ref PairRandom random)
    {
        double u = random.NextDouble();
        foreach (var (operation, share) in shares)
        {
            if (u < share) return operation;
            u -= share;
        }
        return shares[^1].Operation;
    }

    string Substitute(string original, ref PairRandom random)
    {
        // A draw that returns the word itself would be no corruption; redraw a few times, then take a neighbour in the table.
        for (int attempt = 0; attempt < 8; attempt++)
        {
            string word = words[WordAt(random.Next(cumulative[^1]))];
            if (word != original) return word;
        }
        int at = WordAt(random.Next(cumulative[^1]));
        return words[at] != original ? words[at] : words[(at + 1) % words.Length];
    }

    int WordAt(long draw)
    {
        // The first word whose cumulative count exceeds the draw.
        int low = 0, high = cumulative.Length - 1;
        while (low < high)
        {
            int mid = (low + high) / 2;
            if (cumulative[mid] > draw) high = mid;
            else low = mid + 1;
        }
        return low;
    }

    internal static string[] Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
}
