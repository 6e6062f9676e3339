using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Regurgitate.Serving;

/// <summary>
/// Reads a request's JSON object body strictly: a body in another media type, invalid JSON, a repeated key (which
/// would otherwise leave it to chance which value counts) or anything but an object is a client error.
/// </summary>
internal static class RequestJson
{
    static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false };

    /// <summary>The body as a JSON object, or the status and message to refuse it with.</summary>
    public static async Task<(JsonObject? Body, int Status, string? Problem)> ReadObjectAsync(HttpRequest request)
    {
        if (request.ContentType is { Length: > 0 } type && !IsJson(type))
            return (null, 415, $"the body must be JSON (Content-Type: application/json), not '{type}'");
        try
        {
            // Kestrel forbids synchronous reads of the body.
            var node = await JsonNode.ParseAsync(request.Body, documentOptions: Strict, cancellationToken: request.HttpContext.RequestAborted).ConfigureAwait(false);
            return node is JsonObject body ? (body, 200, null) : (null, 400, "the body must be a JSON object");
        }
        catch (JsonException e)
        {
            return (null, 400, $"the body is not valid JSON: {e.Message.Split('\n')[0]}");
        }
    }

    static bool IsJson(string contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.Value!.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
