using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.Generators;
using Regurgitate.IO;

namespace Regurgitate.FineTuning;

/// <summary>
/// The chat fine-tuning file format of the OpenAI API: one JSON object per line, {"messages": [system?, user, assistant]}.
/// Writing renders each pair through a <see cref="ChatFineTuningFormat"/>; reading (what the local fine-tuning
/// server does with an upload) recovers each pair, the source from the user message through the prompt template.
/// </summary>
public static class ChatFineTuningJsonl
{
    static readonly PromptTemplate DefaultPrompt = new(PromptTemplate.Default);

    /// <summary>Writes one example per pair to <paramref name="path"/>, atomically; returns the number written.</summary>
    public static int Write(string path, IEnumerable<SentencePair> pairs, ChatFineTuningFormat format)
    {
        int count = 0;
        AtomicFile.Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
            foreach (var pair in pairs)
            {
                // JSON escapes line breaks inside strings, so every example stays on one line.
                writer.WriteLine(new JsonObject { ["messages"] = format.Messages(pair.Source, pair.Target) }.ToJsonString());
                count++;
            }
        });
        return count;
    }

    /// <summary>Reads the examples of <paramref name="path"/>; see <see cref="Read(TextReader, string, PromptTemplate?)"/>.</summary>
    public static IReadOnlyList<ChatFineTuningExample> Read(string path, PromptTemplate? prompt = null)
    {
        if (!File.Exists(path)) throw new InputException("fine-tuning file not found", path);
        using var reader = new StreamReader(path, new UTF8Encoding(false, throwOnInvalidBytes: true));
        return Read(reader, path, prompt);
    }

    /// <summary>
    /// Reads examples from <paramref name="reader"/> (named <paramref name="name"/> in errors). The source is what
    /// <paramref name="prompt"/> (default: the generators' default prompt) recovers from the user message, else the whole
    /// message, as `regurg serve` does. Blank lines are skipped; anything else that is not one system/user/assistant
    /// example is an <see cref="InputException"/> naming the line.
    /// </summary>
    public static IReadOnlyList<ChatFineTuningExample> Read(TextReader reader, string name, PromptTemplate? prompt = null)
    {
        var examples = new List<ChatFineTuningExample>();
        long number = 0;
        try
        {
            for (string? line = reader.ReadLine(); line != null; line = reader.ReadLine())
            {
                number++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                examples.Add(Parse(line, name, number, prompt ?? DefaultPrompt));
            }
        }
        catch (DecoderFallbackException)
        {
            throw new InputException("is not valid UTF-8", name, number + 1);
        }
        if (examples.Count == 0) throw new InputException("holds no examples", name, hint: "write one {\"messages\": [...]} object per line");
        return examples;
    }

    static ChatFineTuningExample Parse(string line, string name, long number, PromptTemplate prompt)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InputException($"is not valid JSON ({e.Message.Split('\n')[0]})", name, number);
        }
        if (node is not JsonObject example || example["messages"] is not JsonArray messages)
            throw new InputException("has no \"messages\" array", name, number, hint: "each line is {\"messages\": [{\"role\": \"user\", ...}, {\"role\": \"assistant\", ...}]}");
        string? user = null, assistant = null;
        foreach (var item in messages)
        {
            if (item is not JsonObject message || message["role"]?.GetValueKind() != JsonValueKind.String)
                throw new InputException("has a message without a \"role\"", name, number);
            string role = message["role"]!.GetValue<string>();
            if (message["content"]?.GetValueKind() != JsonValueKind.String)
                throw new InputException($"has a {role} message without text \"content\"", name, number);
            string content = message["content"]!.GetValue<string>();
            switch (role)
            {
                case "system":
                    if (user != null) throw new InputException("has a system message after the user message", name, number);
                    break;
                case "user":
                    if (user != null) throw new InputException("has more than one user message (one pair per line)", name, number);
                    user = content;
                    break;
                case "assistant":
                    if (user == null) throw new InputException("has an assistant message before the user message", name, number);
                    if (assistant != null) throw new InputException("has more than one assistant message (one pair per line)", name, number);
                    assistant = content;
                    break;
                default:
                    throw new InputException($"has a message with role '{role}' (system, user or assistant)", name, number);
            }
        }
        if (user == null || assistant == null)
            throw new InputException($"has no {(user == null ? "user" : "assistant")} message", name, number);
        if (assistant.Trim().Length == 0) throw new InputException("has an empty assistant message", name, number);
        string source = (prompt.ExtractSource(user) ?? user).Trim();
        if (source.Length == 0) throw new InputException("has an empty source in its user message", name, number);
        return new ChatFineTuningExample(source, assistant.Trim(), number);
    }
}
