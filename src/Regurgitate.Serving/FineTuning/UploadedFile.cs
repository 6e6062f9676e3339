using System.Text.Json.Nodes;

namespace Regurgitate.Serving;

/// <summary>A file uploaded to the local server (`/v1/files`), as its metadata is stored.</summary>
/// <param name="Id">"file-" and 24 hex digits.</param>
/// <param name="Filename">The name it was uploaded under.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Purpose">What it is for; the server takes "fine-tune".</param>
/// <param name="CreatedAt">Upload time, Unix seconds.</param>
public sealed record UploadedFile(string Id, string Filename, long Bytes, string Purpose, long CreatedAt)
{
    /// <summary>Upload time in ticks: orders uploads of the same second.</summary>
    public long CreatedTicks { get; init; }

    /// <summary>The API's file object.</summary>
    public JsonObject ToApiJson() => new()
    {
        ["id"] = Id,
        ["object"] = "file",
        ["bytes"] = Bytes,
        ["created_at"] = CreatedAt,
        ["filename"] = Filename,
        ["purpose"] = Purpose,
        ["status"] = "processed",
        ["status_details"] = null,
    };
}
