using Regurgitate.Generators;
using Regurgitate.Decoding;
using Regurgitate.Serving;

namespace Regurgitate.Tests.Commands;

/// <summary>A checkpoint as a teacher: `generate` with an nmt spec, and `serve` over a checkpoint read by the endpoint generator.</summary>
public sealed class NmtGeneratorCommandTests : IDisposable
{
    readonly TestData.ScratchFolder scratch = new();

    static readonly string[] German = ["ein hund läuft", "eine katze schläft", "ein mann liest", "eine frau singt", "ein kind spielt", "ein hund schläft"];
    static readonly string[] English = ["a dog runs", "a cat sleeps", "a man reads", "a woman sings", "a child plays", "a dog sleeps"];

    async Task<string> TrainTinyRun()
    {
        File.WriteAllLines(scratch.File("train.de"), Enumerable.Repeat(German, 20).SelectMany(x => x));
        File.WriteAllLines(scratch.File("train.en"), Enumerable.Repeat(English, 20).SelectMany(x => x));
        string run = scratch.File("run");
        var train = await InProcessCli.Invoke("train", "--train-source", scratch.File("train.de"), "--train-target", scratch.File("train.en"),
            "--valid-source", scratch.File("train.de"), "--valid-target", scratch.File("train.en"),
            "--vocab-size", "300", "--preset", "tiny", "--out", run, "--batch-tokens", "200", "--warmup", "10", "--lr", "3e-3", "--max-updates", "6");
        Assert.True(train.ExitCode == 0, train.Error);
        return run;
    }

    [Fact]
    public async Task Checkpoint_teacher_generates_the_same_text_directly_and_through_serve()
    {
        string run = await TrainTinyRun();
        File.WriteAllLines(scratch.File("src.de"), German);
        var translate = await InProcessCli.Invoke("translate", "--checkpoint", run, "--input", scratch.File("src.de"), "--output", scratch.File("greedy.en"), "--greedy");
        Assert.True(translate.ExitCode == 0, translate.Error);
        var expected = File.ReadAllLines(scratch.File("greedy.en"));

        var generate = await InProcessCli.Invoke("generate", "-g", $"{{type: nmt, checkpoint: {run}, search: greedy, name: tiny-teacher}}",
            "--sources", scratch.File("src.de"), "--out", scratch.File("nmt.jsonl"));
        Assert.True(generate.ExitCode == 0, generate.Error);
        var direct = SyntheticCorpusJsonl.Read(scratch.File("nmt.jsonl"));
        Assert.Equal(expected, direct.Select(s => s.Result.Text));
        Assert.All(direct, s => Assert.True(s.Result.LogProbability < 0));
        Assert.All(direct, s => Assert.True(s.Result.Usage!.OutputTokens > 0));
        Assert.Equal("tiny-teacher", direct[0].Provenance.Generator);
        Assert.Contains("search=greedy", direct[0].Provenance.Settings);

        using var backend = NmtBackend.Load(run, new DecodingOptions { Strategy = DecodingStrategy.Greedy });
        await using var server = await TranslationServer.StartAsync(backend, new TranslationServerOptions());
        using var client = new OpenAIChatGenerator(new OpenAIChatSettings(server.BaseUrl, server.ModelName, new PromptTemplate(PromptTemplate.Default), "German", "English")
        {
            LogProbabilities = true,
        });
        var served = await client.GenerateAsync(German);
        Assert.Equal(expected, served.Select(r => r.Text));
        // The sequence log-probability survives the HTTP round trip (as one logprobs entry) up to float precision.
        for (int i = 0; i < German.Length; i++)
            Assert.Equal(direct[i].Result.LogProbability!.Value, served[i].LogProbability!.Value, 3);
    }

    public void Dispose() => scratch.Dispose();
}
