using System.Globalization;

namespace Regurgitate.Serving;

/// <summary>
/// Which requests get which <see cref="Fault"/>. Two forms, written as for `--inject-faults`:
/// a deterministic cycle ("429,500,malformed,ok": request 1 gets 429, request 2 a 500, ...,
/// request 5 a 429 again), or independent draws with probabilities ("429:0.2,500:0.1,timeout:0.05")
/// from a seeded generator, the remainder answering normally.
/// Names: ok, 429, 500, 502, 503, timeout, malformed, empty.
/// </summary>
public sealed class FaultPlan
{
    readonly Fault[]? cycle;
    readonly (Fault Fault, double Probability)[]? draws;
    readonly Random random;
    readonly Lock gate = new();
    long next;

    FaultPlan(Fault[]? cycle, (Fault, double)[]? draws, int seed)
    {
        this.cycle = cycle;
        this.draws = draws;
        random = new Random(seed);
    }

    /// <summary>No faults.</summary>
    public static FaultPlan None { get; } = new([Fault.None], null, 0);

    /// <summary>Parses the `--inject-faults` syntax; bad syntax is an <see cref="InputException"/>.</summary>
    public static FaultPlan Parse(string text, int seed = 0)
    {
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length == 0) throw new InputException("--inject-faults is empty", hint: "e.g. \"429,500,ok\" or \"429:0.2,timeout:0.05\"");
        bool weighted = items.Any(i => i.Contains(':'));
        if (weighted && !items.All(i => i.Contains(':')))
            throw new InputException($"--inject-faults mixes a cycle and probabilities: '{text}'", hint: "give every item a probability (429:0.2) or none (429,ok)");
        if (!weighted) return new FaultPlan(items.Select(ParseFault).ToArray(), null, seed);

        var parsed = items.Select(item =>
        {
            var parts = item.Split(':', 2);
            if (!double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double p) || p < 0 || p > 1)
                throw new InputException($"--inject-faults: '{parts[1]}' in '{item}' is not a probability between 0 and 1");
            return (ParseFault(parts[0]), p);
        }).ToArray();
        if (parsed.Sum(x => x.p) > 1 + 1e-9)
            throw new InputException($"--inject-faults: probabilities add up to more than 1 in '{text}'");
        return new FaultPlan(null, parsed, seed);
    }

    static Fault ParseFault(string name) => name.ToLowerInvariant() switch
    {
        "ok" or "none" => Fault.None,
        "429" => Fault.RateLimited,
        "500" => Fault.ServerError,
        "502" => Fault.BadGateway,
        "503" => Fault.Unavailable,
        "timeout" => Fault.Timeout,
        "malformed" => Fault.Malformed,
        "empty" => Fault.Empty,
        _ => throw new InputException($"--inject-faults: unknown fault '{name}'", hint: "use ok, 429, 500, 502, 503, timeout, malformed or empty"),
    };

    /// <summary>The fault for the next request.</summary>
    public Fault Next()
    {
        lock (gate)
        {
            long n = next++;
            if (cycle != null) return cycle[n % cycle.Length];
            double u = random.NextDouble(), sum = 0;
            foreach (var (fault, p) in draws!)
            {
                sum += p;
                if (u < sum) return fault;
            }
            return Fault.None;
        }
    }
}
