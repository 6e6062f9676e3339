using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Regurgitate.Studies;

/// <summary>
/// What a condition learns from the whole student pool (flatten's word alternatives, noise's substitute
/// vocabulary), made once per <see cref="ConditionInputs"/> and condition key: a study composes a condition
/// for every cell and size, and the aligner takes seconds.
/// </summary>
internal static class PoolModels
{
    static readonly ConditionalWeakTable<ConditionInputs, ConcurrentDictionary<string, Lazy<object>>> Made = new();

    public static T Of<T>(ConditionInputs data, string key, Func<T> make) where T : class =>
        (T)Made.GetOrCreateValue(data).GetOrAdd(key, _ => new Lazy<object>(() => make())).Value;
}
