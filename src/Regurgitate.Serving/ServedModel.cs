namespace Regurgitate.Serving;

/// <summary>One entry of /v1/models.</summary>
/// <param name="Id">The name clients send as `model`.</param>
/// <param name="Created">Creation time, Unix seconds (0 when unknown).</param>
/// <param name="OwnedBy">Who made it: "regurgitate" for a base model, the organisation for fine-tuned ones.</param>
public sealed record ServedModel(string Id, long Created = 0, string OwnedBy = "regurgitate");
