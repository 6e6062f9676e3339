using System.Globalization;

namespace Regurgitate.Interventions;

/// <summary>The relative weights of the noise operations (they need not sum to 1; a zero weight turns one off).</summary>
public sealed record NoiseMix(double Drop, double Swap, double Substitute)
{
    /// <summary>The three operations in equal shares.</summary>
    public static NoiseMix Equal { get; } = new(1, 1, 1);

    /// <summary>Equal shares of the listed operations, none of the others.</summary>
    public static NoiseMix Of(IEnumerable<NoiseOperation> operations)
    {
        var set = operations.ToHashSet();
        return new NoiseMix(set.Contains(NoiseOperation.Drop) ? 1 : 0, set.Contains(NoiseOperation.Swap) ? 1 : 0, set.Contains(NoiseOperation.Substitute) ? 1 : 0);
    }

    /// <summary>The weight of <paramref name="operation"/>.</summary>
    public double this[NoiseOperation operation] => operation switch
    {
        NoiseOperation.Drop => Drop,
        NoiseOperation.Swap => Swap,
        _ => Substitute,
    };

    /// <summary>The operations with a weight above zero, as shares that sum to 1, in enum order.</summary>
    public IReadOnlyList<(NoiseOperation Operation, double Share)> Shares
    {
        get
        {
            double total = Drop + Swap + Substitute;
            return Enum.GetValues<NoiseOperation>().Where(o => this[o] > 0).Select(o => (o, this[o] / total)).ToList();
        }
    }

    /// <summary>Canonical text, e.g. <c>drop=1,swap=1,substitute=1</c> (part of artifact keys).</summary>
    public override string ToString() =>
        string.Join(",", Enum.GetValues<NoiseOperation>().Select(o => $"{NameOf(o)}={this[o].ToString("R", CultureInfo.InvariantCulture)}"));

    /// <summary>The spelling of an operation in specs and on the command line.</summary>
    public static string NameOf(NoiseOperation operation) => operation.ToString().ToLowerInvariant();

    /// <summary>The operation spelled <paramref name="name"/>, or null.</summary>
    public static NoiseOperation? Parse(string name) =>
        Enum.GetValues<NoiseOperation>().Cast<NoiseOperation?>().FirstOrDefault(o => NameOf(o!.Value) == name.Trim().ToLowerInvariant());
}
