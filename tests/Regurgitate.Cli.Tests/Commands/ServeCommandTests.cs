using System.CommandLine;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Regurgitate.Cli;

namespace Regurgitate.Tests.Commands;

/// <summary>`regurg serve` as a user runs it: prints its URL, answers over HTTP, stops on cancellation.</summary>
public class ServeCommandTests
{
    [Fact]
    public async Task Serves_recorded_translations_on_a_free_port_with_injected_faults()
    {
        using var scratch = TestData.Scratch();
        var german = TestData.GzipLines("multi30k/val.de.gz", 5);
        var english = TestData.GzipLines("multi30k/val.en.gz", 5);
        File.WriteAllLines(scratch.File("src.de"), german);
        File.WriteAllLines(scratch.File("out.en"), english);
        var output = new StringWriter();
        var error = new StringWriter();
        using var stop = new CancellationTokenSource();
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        var parse = CommandLine.Build().Parse(["serve", "--from-file", scratch.File("src.de"), scratch.File("out.en"), "--port", "0", "--inject-faults", "503,ok", "--log-requests"]);
        var serving = parse.InvokeAsync(configuration, stop.Token);

        Uri? url = null;
        for (int i = 0; i < 400 && url == null && !serving.IsCompleted; i++)
        {
            await Task.Delay(25);
            var words = output.ToString().Split(' ');
            url = words.Where(w => w.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)).Select(w => new Uri(w)).FirstOrDefault();
        }
        Assert.NotNull(url);
        using var http = new HttpClient();
        string body = new JsonObject { ["model"] = "out", ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = german[2] }) }.ToJsonString();
        using var first = await http.PostAsync(url + "/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        using var second = await http.PostAsync(url + "/chat/completions", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(english[2], JsonNode.Parse(await second.Content.ReadAsStringAsync())!["choices"]![0]!["message"]!["content"]!.GetValue<string>());

        stop.Cancel();
        Assert.Equal(0, await serving);
        Assert.Contains("request 1: 503 fault=503", error.ToString());
        Assert.Contains("stopped after 2 requests (1 translated, 1 faults injected)", error.ToString());
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("serve", "--checkpoint", "x", "--from-file", "a", "b")]
    [InlineData("serve", "--from-file", "no-such-sources", "no-such-translations")]
    [InlineData("serve", "--checkpoint", "no-such-run", "--inject-faults", "418")]
    public async Task Bad_arguments_exit_2(params string[] args)
    {
        var result = await InProcessCli.Invoke(args);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("regurg: error:", result.Error);
    }
}
