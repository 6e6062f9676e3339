namespace Regurgitate.Metrics;

/// <summary>
/// The edit count of TER between two word-id sequences, following sacreBLEU's <c>lib_ter</c>
/// (itself a near-exact port of Tercom): repeatedly apply the block shift that most reduces a
/// beam-limited Levenshtein distance, with Tercom's limits (shifts of at most 10 words over at most
/// 50 positions, at most 1000 candidate shifts per segment) and Tercom's ranking of candidates.
/// This is the algorithm; <see cref="Ter"/> is the metric (tokenization, statistics, signature).
/// </summary>
public static class TranslationEditRate
{
    const int MaxShiftSize = 10;
    const int MaxShiftDistance = 50;
    const int MaxShiftCandidates = 1000;

    /// <summary>Fewest edits (shifts + insertions + deletions + substitutions) and the reference length.</summary>
    public static (long Edits, int ReferenceLength) Compute(int[] hypothesis, int[] reference)
    {
        if (reference.Length == 0) return (hypothesis.Length, 0);
        var distance = new BeamEditDistance(reference, hypothesis.Length);
        int shifts = 0, candidates = 0;
        var input = hypothesis;
        while (true)
        {
            var (delta, shifted) = Shift(input, reference, distance, ref candidates);
            // As sacreBLEU: once the candidate budget is spent, even an improving shift is dropped.
            if (candidates >= MaxShiftCandidates) break;
            if (delta <= 0) break;
            shifts++;
            input = shifted;
        }
        return (shifts + distance.Distance(input, trace: null), reference.Length);
    }

    static (int Delta, int[] Shifted) Shift(int[] words, int[] reference, BeamEditDistance distance, ref int candidates)
    {
        var trace = new List<byte>();
        int before = distance.Distance(words, trace);
        distance.KeepAsBase(words);

        // Read the trace as rewriting the reference into the hypothesis: insertions and deletions swap.
        int nr = reference.Length, nh = words.Length;
        var align = new int[nr];
        var hypErrors = new List<int>(nh);
        var refErrors = new List<int>(nr);
        int posHyp = -1, posRef = -1;
        foreach (byte op in trace)
        {
            switch (op)
            {
                case BeamEditDistance.Nop:
                case BeamEditDistance.Sub:
                    int error = op == BeamEditDistance.Sub ? 1 : 0;
                    posHyp++; posRef++;
                    align[posRef] = posHyp;
                    hypErrors.Add(error); refErrors.Add(error);
                    break;
                case BeamEditDistance.Del: // a deletion from the hypothesis is an insertion into it, seen from the reference
                    posHyp++;
                    hypErrors.Add(1);
                    break;
                case BeamEditDistance.Ins:
                    posRef++;
                    align[posRef] = posHyp;
                    refErrors.Add(1);
                    break;
            }
        }

        int evaluated = candidates;
        bool found = false;
        (int Score, int Length, int NegStart, int NegTarget) best = default;
        int[]? bestWords = null;
        for (int startH = 0; startH < nh; startH++)
        {
            // sacreBLEU scans every reference position and skips those more than 50 away; same order, fewer steps.
            int lastR = Math.Min(nr - 1, startH + MaxShiftDistance);
            for (int startR = Math.Max(0, startH - MaxShiftDistance); startR <= lastR; startR++)
            {
                int length = 0;
                while (words[startH + length] == reference[startR + length] && length < MaxShiftSize)
                {
                    length++;
                    // Each prefix of a matching run is a candidate of its own.
                    if (Consider(startH, startR, length))
                    {
                        candidates = evaluated;
                        return (best.Score, bestWords!);
                    }
                    if (nh == startH + length || nr == startR + length) break;
                }
            }
        }
        candidates = evaluated;
        return found ? (best.Score, bestWords!) : (0, words);

        // Evaluates the shifts of words[startH..+length] next to the aligned positions of
        // reference[startR-1..startR+length-1]; true when the candidate budget is spent.
        bool Consider(int startH, int startR, int length)
        {
            if (Sum(hypErrors, startH, length) == 0) return false;
            if (Sum(refErrors, startR, length) == 0) return false;
            if (startH <= align[startR] && align[startR] < startH + length) return false;
            int previous = -1;
            for (int offset = -1; offset < length; offset++)
            {
                int target;
                if (startR + offset == -1) target = 0;
                else if (startR + offset < nr) target = align[startR + offset] + 1; // Tercom inserts after; sacreBLEU before the next index
                else break;
                if (target == previous) continue;
                previous = target;
                var shifted = PerformShift(words, startH, length, target);
                var candidate = (before - distance.CandidateDistance(shifted), length, -startH, -target);
                evaluated++;
                if (!found || candidate.CompareTo(best) > 0)
                {
                    found = true;
                    best = candidate;
                    bestWords = shifted;
                }
            }
            return evaluated >= MaxShiftCandidates;
        }
    }

    static int Sum(List<int> values, int start, int length)
    {
        int sum = 0, end = Math.Min(values.Count, start + length);
        for (int i = start; i < end; i++) sum += values[i];
        return sum;
    }

    /// <summary>Moves words[start..start+length) to before index <paramref name="target"/>, with Python slice semantics.</summary>
    internal static int[] PerformShift(int[] words, int start, int length, int target)
    {
        var result = new List<int>(words.Length);
        void Add(int from, int to)
        {
            from = Math.Clamp(from, 0, words.Length);
            to = Math.Clamp(to, 0, words.Length);
            for (int i = from; i < to; i++) result.Add(words[i]);
        }
        if (target < start)
        {
            Add(0, target); Add(start, start + length); Add(target, start); Add(start + length, words.Length);
        }
        else if (target > start + length)
        {
            Add(0, start); Add(start + length, target); Add(start, start + length); Add(target, words.Length);
        }
        else
        {
            Add(0, start); Add(start + length, length + target); Add(start, start + length); Add(length + target, words.Length);
        }
        return [.. result];
    }
}
