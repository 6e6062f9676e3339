using System.Text.Json.Nodes;

namespace Regurgitate.Serving;

/// <summary>One event of a job's log, as the server keeps it.</summary>
/// <param name="Id">"ftevent-" and hex digits.</param>
/// <param name="CreatedAt">Unix seconds.</param>
/// <param name="Level">"info", "warn" or "error".</param>
/// <param name="Message">What happened.</param>
/// <param name="Type">"message", or "metrics" for training progress.</param>
public sealed record FineTuningJobEvent(string Id, long CreatedAt, string Level, string Message, string Type = "message")
{
    /// <summary>The API's event object.</summary>
    public JsonObject ToApiJson() => new()
    {
        ["object"] = "fine_tuning.job.event",
        ["id"] = Id,
        ["created_at"] = CreatedAt,
        ["level"] = Level,
        ["message"] = Message,
        ["data"] = new JsonObject(),
        ["type"] = Type,
    };
}
