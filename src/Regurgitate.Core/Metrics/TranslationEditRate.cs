namespace Regurgitate.Metrics;

/// <summary>
/// The edit count of TER between two word-id sequences, following sacreBLEU's <c>lib_ter</c>
/// (itself a near-exact port of Tercom): repeatedly apply the block shift that most reduces a
/// beam-limited Levenshtein distance, with Tercom's limits (shifts of at most 10 words over at most
/// 50 positions, at most 1000 candidate shifts per segment) and Tercom's ranking of candidates.
/// </summary>
public static class TranslationEditRate
{
    const int MaxShiftSize = 10;
    const int MaxShiftDistance = 50;
    const int BeamWidth = 25;
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
            for (int startR = 0; startR < nr; startR++)
            {
                if (Math.Abs(startR - startH) > MaxShiftDistance) continue;
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

/// <summary>
/// Levenshtein distance to a fixed reference within a band around the (length-ratio scaled)
/// diagonal, as sacreBLEU's <c>BeamEditDistance</c>: cells outside the band are infinite, the
/// last row is computed in full, and ties prefer match/substitution, then deletion, then insertion.
/// Rows shared with a base hypothesis (a common prefix) are reused instead of recomputed.
/// </summary>
internal sealed class BeamEditDistance
{
    public const byte Nop = 0, Sub = 1, Ins = 2, Del = 3, Undefined = 4;
    const int Infinity = int.MaxValue / 4;
    const int BeamWidth = 25;

    readonly int[] reference;
    readonly int hypLength;
    readonly int[] minJ, maxJ, rowStart;
    readonly int[] baseCost, candidateCost;
    readonly byte[] ops;
    int[]? baseWords;

    public BeamEditDistance(int[] reference, int hypLength)
    {
        this.reference = reference;
        this.hypLength = hypLength;
        int nr = reference.Length;
        double lengthRatio = hypLength > 0 ? (double)nr / hypLength : 1;
        int beam = BeamWidth < lengthRatio / 2 ? (int)Math.Ceiling(lengthRatio / 2 + BeamWidth) : BeamWidth;
        minJ = new int[hypLength + 1];
        maxJ = new int[hypLength + 1];
        rowStart = new int[hypLength + 2];
        maxJ[0] = nr + 1;
        for (int i = 1; i <= hypLength; i++)
        {
            int diagonal = (int)Math.Floor(i * lengthRatio);
            minJ[i] = Math.Max(0, diagonal - beam);
            maxJ[i] = i == hypLength ? nr + 1 : Math.Min(nr + 1, diagonal + beam);
            if (maxJ[i] < minJ[i]) maxJ[i] = minJ[i];
        }
        for (int i = 0; i <= hypLength; i++) rowStart[i + 1] = rowStart[i] + (maxJ[i] - minJ[i]);
        baseCost = new int[rowStart[hypLength + 1]];
        candidateCost = new int[rowStart[hypLength + 1]];
        ops = new byte[rowStart[hypLength + 1]];
        for (int j = 0; j <= nr; j++)
        {
            baseCost[j] = candidateCost[j] = j;
            ops[j] = Ins;
        }
    }

    int Get(int[] cost, int i, int j) =>
        j >= minJ[i] && j < maxJ[i] ? cost[rowStart[i] + j - minJ[i]] : Infinity;

    /// <summary>Remembers <paramref name="words"/>, whose rows are in the base matrix, for prefix reuse.</summary>
    public void KeepAsBase(int[] words) => baseWords = words;

    /// <summary>Full computation into the base matrix; fills <paramref name="trace"/> (forward order) when given.</summary>
    public int Distance(int[] words, List<byte>? trace)
    {
        Fill(words, baseCost, baseCost, 0, ops);
        baseWords = null;
        int result = Get(baseCost, hypLength, reference.Length);
        if (trace == null) return result;
        trace.Clear();
        int i = hypLength, j = reference.Length;
        while (i > 0 || j > 0)
        {
            byte op = j >= minJ[i] && j < maxJ[i] ? ops[rowStart[i] + j - minJ[i]] : Undefined;
            trace.Add(op);
            switch (op)
            {
                case Nop or Sub: i--; j--; break;
                case Ins: j--; break;
                case Del: i--; break;
                default: throw new InvalidOperationException("TER edit trace left the beam");
            }
        }
        trace.Reverse();
        return result;
    }

    /// <summary>Distance of a candidate shift, reusing the base rows of the common prefix.</summary>
    public int CandidateDistance(int[] words)
    {
        int prefix = 0;
        if (baseWords != null)
            while (prefix < hypLength && words[prefix] == baseWords[prefix]) prefix++;
        if (prefix == hypLength) return Get(baseCost, hypLength, reference.Length);
        Fill(words, candidateCost, baseCost, prefix, null);
        return Get(candidateCost, hypLength, reference.Length);
    }

    // Computes rows first+1..n into cost; rows up to `first` are read from `shared`.
    void Fill(int[] words, int[] cost, int[] shared, int first, byte[]? opsOut)
    {
        for (int i = first + 1; i <= hypLength; i++)
        {
            int[] previous = i - 1 <= first ? shared : cost;
            int word = words[i - 1];
            int from = minJ[i], to = maxJ[i], start = rowStart[i] - from;
            for (int j = from; j < to; j++)
            {
                int best;
                byte op;
                if (j == 0)
                {
                    best = Get(previous, i - 1, 0) + 1;
                    op = Del;
                }
                else
                {
                    best = Infinity;
                    op = Undefined;
                    bool match = word == reference[j - 1];
                    int diagonal = Get(previous, i - 1, j - 1) + (match ? 0 : 1);
                    if (best > diagonal) { best = diagonal; op = match ? Nop : Sub; }
                    int up = Get(previous, i - 1, j) + 1;
                    if (best > up) { best = up; op = Del; }
                    int left = j - 1 >= from ? cost[start + j - 1] : Infinity;
                    left += 1;
                    if (best > left) { best = left; op = Ins; }
                }
                cost[start + j] = best;
                if (opsOut != null) opsOut[start + j] = op;
            }
        }
    }
}
