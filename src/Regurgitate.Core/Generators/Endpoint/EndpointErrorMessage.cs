using System.ClientModel;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regurgitate.Generators;

/// <summary>What to tell the user about an endpoint's error reply: the server's own words, on one short line.</summary>
public static class EndpointErrorMessage
{
    /// <summary>The server's words from an OpenAI-style error body ({"error": {"message": ...}}), else the SDK's message.</summary>
    public static string Of(ClientResultException e)
    {
        try
        {
            var body = e.GetRawResponse()?.Content?.ToString();
            if (!string.IsNullOrEmpty(body) && JsonNode.Parse(body)?["error"]?["message"] is JsonNode message
                && message.GetValueKind() == JsonValueKind.String)
                return FirstLine(message.GetValue<string>());
        }
        catch (Exception parse) when (parse is JsonException or InvalidOperationException) { }
        return FirstLine(e.Message);
    }

    /// <summary>The first line of <paramref name="message"/>, cut at 200 characters.</summary>
    public static string FirstLine(string message)
    {
        string line = message.Split('\n', 2)[0].Trim();
        return line.Length > 200 ? line[..200] + "…" : line;
    }
}
