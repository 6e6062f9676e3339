using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Regurgitate.Generators;
using Regurgitate.Serving;

namespace Regurgitate.Tests;

/// <summary>The HTTP surface of `regurg serve`, checked with a plain HttpClient.</summary>
public class TranslationServerTests
{
    static async Task<TranslationServer> Serve(PromptTemplate? prompt = null)
    {
        var (german, english) = TestData.Multi30kTest(5);
        return await TranslationServer.StartAsync(FileLookupBackend.FromPairs("m30k", german.Zip(english)), new TranslationServerOptions { Prompt = prompt });
    }

    static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Listens_on_loopback_and_lists_its_model()
    {
        await using var server = await Serve();
        Assert.Equal("127.0.0.1", server.BaseUrl.Host);
        Assert.NotEqual(0, server.BaseUrl.Port);
        using var http = new HttpClient();
        var models = JsonNode.Parse(await http.GetStringAsync(server.BaseUrl + "/models"))!;
        Assert.Equal("m30k", models["data"]![0]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Answers_a_chat_completion_with_the_backend_translation()
    {
        var (german, english) = TestData.Multi30kTest(1);
        await using var server = await Serve();
        using var http = new HttpClient();
        string request = new JsonObject
        {
            ["model"] = "m30k",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "system", ["content"] = "You translate." }, new JsonObject { ["role"] = "user", ["content"] = german[0] }),
        }.ToJsonString();
        using var response = await http.PostAsync(server.BaseUrl + "/chat/completions", Body(request));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(english[0], completion["choices"]![0]!["message"]!["content"]!.GetValue<string>());
        Assert.Equal("chat.completion", completion["object"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{\"model\":\"m30k\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 400, "streaming is not supported")]
    [InlineData("{\"model\":\"other\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}", 404, "serves 'm30k'")]
    [InlineData("{\"model\":\"m30k\",\"messages\":[]}", 400, "'messages' must be a non-empty array")]
    [InlineData("{\"model\":\"m30k\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"n\":3}", 400, "only n = 1")]
    [InlineData("not json", 400, "not valid JSON")]
    public async Task Rejects_what_it_cannot_serve_with_a_clear_error(string body, int status, string message)
    {
        await using var server = await Serve();
        using var http = new HttpClient();
        using var response = await http.PostAsync(server.BaseUrl + "/chat/completions", Body(body));
        Assert.Equal(status, (int)response.StatusCode);
        var error = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;
        Assert.Contains(message, error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Prompt_template_recovers_the_source_from_the_user_message()
    {
        var template = new PromptTemplate("Translate from {source_lang} to {target_lang}:\n{source}\nAnswer:");
        string prompt = template.Render("Ein Hund läuft.", "German", "English");
        Assert.Equal("Ein Hund läuft.", template.ExtractSource(prompt));
        Assert.Null(template.ExtractSource("something else entirely"));

        var (german, english) = TestData.Multi30kTest(2);
        await using var server = await Serve(template);
        using var generator = new OpenAIChatGenerator(new OpenAIChatSettings(server.BaseUrl, "m30k", template, "German", "English"));
        Assert.Equal(english, (await generator.GenerateAsync(german)).Select(r => r.Text));
    }
}
