namespace Regurgitate.Generators;

/// <summary>Tokens a service counted: prompt (input) and completion (output).</summary>
public sealed record TokenUsage(long InputTokens, long OutputTokens)
{
    /// <summary>No tokens.</summary>
    public static TokenUsage Zero { get; } = new(0, 0);

    /// <summary>Input plus output tokens.</summary>
    public long TotalTokens => InputTokens + OutputTokens;

    public static TokenUsage operator +(TokenUsage a, TokenUsage b) => new(a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens);
}
