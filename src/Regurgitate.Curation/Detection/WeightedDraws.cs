namespace Regurgitate.Detection;

/// <summary>
/// A Fenwick (binary indexed) tree of non-negative weights: draw an index with probability ∝ its weight and
/// change a weight, both in O(log n), so sampling n of N pairs with a repeat cap costs O(n log N), not O(n·N).
/// </summary>
internal sealed class WeightedDraws
{
    readonly double[] tree;
    readonly double[] weights;

    public WeightedDraws(IReadOnlyList<double> initial)
    {
        weights = new double[initial.Count];
        tree = new double[initial.Count + 1];
        for (int i = 0; i < initial.Count; i++) Set(i, initial[i]);
    }

    /// <summary>The sum of all weights.</summary>
    public double Total { get; private set; }

    /// <summary>Sets the weight of <paramref name="index"/>.</summary>
    public void Set(int index, double weight)
    {
        double delta = weight - weights[index];
        weights[index] = weight;
        Total += delta;
        for (int i = index + 1; i < tree.Length; i += i & -i) tree[i] += delta;
    }

    /// <summary>The index whose cumulative weight interval holds <paramref name="uniform"/> × <see cref="Total"/>.</summary>
    public int Draw(double uniform)
    {
        double target = uniform * Total;
        int position = 0;
        for (int step = HighestPowerOfTwo(tree.Length - 1); step > 0; step >>= 1)
        {
            int next = position + step;
            if (next < tree.Length && tree[next] <= target)
            {
                position = next;
                target -= tree[next];
            }
        }
        // Rounding can land on a zero-weight index at the end; step back to one that can be drawn.
        int index = Math.Min(position, weights.Length - 1);
        while (weights[index] <= 0 && index > 0) index--;
        while (weights[index] <= 0 && index < weights.Length - 1) index++;
        return index;
    }

    static int HighestPowerOfTwo(int n)
    {
        int p = 1;
        while (p * 2 <= n) p *= 2;
        return n == 0 ? 0 : p;
    }
}
