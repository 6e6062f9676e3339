namespace Regurgitate.Metrics;

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
