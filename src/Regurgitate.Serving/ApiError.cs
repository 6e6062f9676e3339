using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Regurgitate.Serving;

/// <summary>
/// The OpenAI error object, {"error": {"message", "type", "param", "code"}}, as every route answers a refused request;
/// the message is kept on the request so the server's one-line log can tell it.
/// </summary>
internal static class ApiError
{
    const string MessageKey = "regurg.error";

    /// <summary>Answers <paramref name="context"/> with status <paramref name="status"/> and the error object.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message, string? param = null, string? code = null)
    {
        context.Items[MessageKey] = message;
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = message,
                ["type"] = status >= 500 ? "server_error" : "invalid_request_error",
                ["param"] = param,
                ["code"] = code,
            },
        }.ToJsonString());
    }

    /// <summary><paramref name="text"/> with control characters shown as '?': what a client sent stays on one line of a message or log.</summary>
    public static string Printable(string text) => string.Create(text.Length, text, (span, source) =>
    {
        for (int i = 0; i < source.Length; i++) span[i] = char.IsControl(source[i]) ? '?' : source[i];
    });

    /// <summary>The message of the error <paramref name="context"/> was answered with, or null.</summary>
    public static string? MessageOf(HttpContext context) => context.Items.TryGetValue(MessageKey, out var message) ? message as string : null;
}
