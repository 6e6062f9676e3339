using System.Text.Json.Nodes;
using Regurgitate.Corpora;
using Regurgitate.FineTuning;
using Regurgitate.Generators;

namespace Regurgitate.Tests.FineTuning;

/// <summary>The chat fine-tuning file: written in the `openai` generator's prompt, read back into the same pairs, bad lines named.</summary>
public class ChatFineTuningJsonlTests
{
    [Fact]
    public void Real_pairs_round_trip_through_the_generators_prompt()
    {
        var (german, english) = TestData.Multi30kTest(50);
        var pairs = german.Zip(english).Select(p => new SentencePair(p.First, p.Second, Provenance.Human)).ToList();
        using var scratch = TestData.Scratch();
        var format = ChatFineTuningFormat.Default("German", "English");

        Assert.Equal(50, ChatFineTuningJsonl.Write(scratch.File("train.jsonl"), pairs, format));

        var lines = File.ReadAllLines(scratch.File("train.jsonl"));
        Assert.Equal(50, lines.Length);
        var messages = JsonNode.Parse(lines[0])!["messages"]!.AsArray();
        Assert.Equal(ChatFineTuningFormat.DefaultSystem, messages[0]!["content"]!.GetValue<string>());
        // The user message is exactly what the `openai` generator sends for this source.
        Assert.Equal(new PromptTemplate(PromptTemplate.Default).Render(german[0], "German", "English"), messages[1]!["content"]!.GetValue<string>());
        Assert.Equal(english[0], messages[2]!["content"]!.GetValue<string>());
        var back = ChatFineTuningJsonl.Read(scratch.File("train.jsonl"));
        Assert.Equal(german, back.Select(e => e.Source));
        Assert.Equal(english, back.Select(e => e.Target));
        Assert.Equal(Enumerable.Range(1, 50).Select(i => (long)i), back.Select(e => e.Line));
    }

    [Fact]
    public void A_custom_prompt_is_recovered_with_the_same_template_and_chat_settings_ask_in_it()
    {
        var template = new PromptTemplate("{source_lang}: {source}\\n{target_lang}:");
        var format = new ChatFineTuningFormat(template, "German", "English") { System = null };
        using var scratch = TestData.Scratch();
        ChatFineTuningJsonl.Write(scratch.File("t.jsonl"), [new SentencePair("Ein Hund.", "A dog.", Provenance.Human)], format);
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(scratch.File("t.jsonl")))!["messages"]!.AsArray().Count);
        Assert.Equal("Ein Hund.", ChatFineTuningJsonl.Read(scratch.File("t.jsonl"), template).Single().Source);

        var settings = format.ChatSettings(new Uri("http://127.0.0.1:1/v1"), "ft:m:x:ftjob-1");
        Assert.Same(template, settings.Prompt);
        Assert.Null(settings.System);
        Assert.Equal(("German", "English"), (settings.SourceLanguage, settings.TargetLanguage));
    }

    [Theory]
    [InlineData("{not json", "is not valid JSON")]
    [InlineData("{\"prompt\": \"a\", \"completion\": \"b\"}", "has no \"messages\" array")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}]}", "has no assistant message")]
    [InlineData("{\"messages\": [{\"role\": \"assistant\", \"content\": \"b\"}, {\"role\": \"user\", \"content\": \"a\"}]}", "has an assistant message before the user message")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \"b\"}, {\"role\": \"user\", \"content\": \"c\"}]}", "more than one user message")]
    [InlineData("{\"messages\": [{\"role\": \"tool\", \"content\": \"a\"}]}", "role 'tool'")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": [1]}]}", "without text \"content\"")]
    [InlineData("{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \" \"}]}", "empty assistant message")]
    public void A_bad_line_is_an_input_error_naming_the_file_and_line(string bad, string problem)
    {
        using var scratch = TestData.Scratch();
        string good = "{\"messages\": [{\"role\": \"user\", \"content\": \"Ein Hund.\"}, {\"role\": \"assistant\", \"content\": \"A dog.\"}]}";
        File.WriteAllLines(scratch.File("t.jsonl"), [good, "", bad]);
        var error = Assert.Throws<InputException>(() => ChatFineTuningJsonl.Read(scratch.File("t.jsonl")));
        Assert.Equal(3, error.Line);
        Assert.Equal(scratch.File("t.jsonl"), error.File);
        Assert.Contains(problem, error.Problem);
    }

    [Fact]
    public void An_empty_file_is_an_input_error()
    {
        using var scratch = TestData.Scratch();
        File.WriteAllText(scratch.File("t.jsonl"), "\n");
        Assert.Contains("holds no examples", Assert.Throws<InputException>(() => ChatFineTuningJsonl.Read(scratch.File("t.jsonl"))).Message);
    }
}
