using Regurgitate.Decoding;
using Regurgitate.Generators;

namespace Regurgitate.Tests.Generators;

public class GeneratorSpecTests
{
    const string OpenAISpec = """
        type: openai            # openai | nmt | apertium | file
        base_url: http://127.0.0.1:8080/v1
        model: gpt-3.5-turbo
        api_key_env: OPENAI_API_KEY
        prompt: "Translate this {source_lang} sentence into {target_lang}. Reply with the translation only.\n\n{source}"
        source_lang: German
        target_lang: English
        temperature: 0
        max_tokens: 256
        concurrency: 4
        max_retries: 6
        cache: .cache/llm
        """;

    [Fact]
    public void Reads_the_documented_openai_spec()
    {
        var spec = Assert.IsType<OpenAIChatSpec>(GeneratorSpec.Parse(OpenAISpec, "/studies/teacher.yaml"));
        var s = spec.Settings;
        Assert.Equal(new Uri("http://127.0.0.1:8080/v1"), s.BaseUrl);
        Assert.Equal("gpt-3.5-turbo", s.Model);
        Assert.Equal("OPENAI_API_KEY", s.ApiKeyEnvironmentVariable);
        Assert.Equal("Translate this German sentence into English. Reply with the translation only.\n\nEin Hund.", s.Prompt.Render("Ein Hund.", s.SourceLanguage, s.TargetLanguage));
        Assert.Equal(0f, s.Temperature);
        Assert.Equal(256, s.MaxTokens);
        Assert.Equal(4, s.Concurrency);
        Assert.Equal(6, s.MaxRetries);
        // Relative paths are relative to the spec file.
        Assert.Equal(Path.GetFullPath("/studies/.cache/llm"), s.CacheDirectory);
        Assert.Equal("/studies/teacher.yaml", spec.SourceFile);
    }

    [Theory]
    [InlineData("type: openai\nbase_url: http://x/v1\nmodel: m\nprompt: '{source}'\ntemprature: 0\n", 5, "unknown key 'temprature'")]
    [InlineData("type: openai\nbase_url: http://x/v1\nmodel: m\nprompt: '{source}'\ntemperature: warm\n", 5, "'temperature' must be a number")]
    [InlineData("type: openai\nbase_url: http://x/v1\nmodel: m\nprompt: '{source}'\napi_key: sk-123\n", 5, "api_key must not be written in a spec")]
    [InlineData("type: openai\nbase_url: http://x/v1\nmodel: m\ntarget_lang: English\n", 1, "the prompt uses {source_lang} but the spec has no source_lang")]
    [InlineData("type: openai\nmodel: m\n", 1, "missing required key 'base_url'")]
    [InlineData("type: openai\nbase_url: ftp://x\nmodel: m\n", 2, "base_url must be an http(s) URL")]
    [InlineData("type: openai\nbase_url: http://x/v1\nmodel: m\nprompt: \"{text}\"\n", 4, "unknown placeholder {text}")]
    [InlineData("type: apertium\nmode: eng-spa\nbatch_size: 0\n", 3, "'batch_size' must be at least 1")]
    [InlineData("type: marian\n", 1, "unknown generator type 'marian'")]
    [InlineData("type: file\npath: [a, b]\n", 2, "'path' must be a single value")]
    [InlineData("type: openai\n  base_url: : :\n", 2, "invalid YAML")]
    [InlineData("type: file\npath: [a, b\nname: x\n", 2, "invalid YAML: a '[' or '{' that is never closed")] // YamlDotNet throws without a position here
    [InlineData("type: file # a comment with [\npath: {a: '[x', b: 1\nname: x\n", 2, "invalid YAML")]
    [InlineData("type: openai\nbase_url: http://x/v1\n\tmodel: m\n", 3, "invalid YAML")] // YamlDotNet places it at the end of line 2
    [InlineData("type: file\npath: a.txt\n---\ntype: openai\n", 3, "a spec is one YAML document, but a second one ('---') follows")]
    public void Bad_specs_name_the_file_and_line(string yaml, int line, string problem)
    {
        var error = Assert.Throws<InputException>(() => GeneratorSpec.Parse(yaml, "spec.yaml"));
        Assert.Equal("spec.yaml", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Message);
    }

    [Fact]
    public void Inline_specs_and_other_types_parse()
    {
        var apertium = Assert.IsType<ApertiumSpec>(GeneratorSpec.Load("{type: apertium, mode: spa-eng, mark_unknown: true}"));
        Assert.Equal(new ApertiumSpec("spa-eng", true, 500), apertium);
        var file = Assert.IsType<FileImportSpec>(GeneratorSpec.Load("{type: file, path: out/google.txt, label: google-2024}"));
        Assert.Equal("google-2024", file.Label);
        Assert.Equal("out/google.txt", file.Path);
        var nmt = Assert.IsType<NmtSpec>(GeneratorSpec.Load("{type: nmt, checkpoint: runs/weak, search: greedy, batch_size: 32}"));
        Assert.Equal(new NmtSpec("runs/weak") { Decoding = new DecodingOptions { Strategy = DecodingStrategy.Greedy, BatchSize = 32 } }, nmt);
        // Core has no libtorch: building an NMT generator needs the host to provide one.
        Assert.Throws<InputException>(() => nmt.Create(GeneratorContext.Default));
    }

    [Fact]
    public void A_missing_spec_file_is_an_input_error()
    {
        var error = Assert.Throws<InputException>(() => GeneratorSpec.Load("no-such-spec.yaml"));
        Assert.Equal("no-such-spec.yaml", error.File);
    }

    [Fact]
    public void Prompt_template_renders_once_and_inverts()
    {
        var template = new PromptTemplate(PromptTemplate.Default);
        string tricky = "Er sagte {target_lang} und {source}.";
        string prompt = template.Render(tricky, "German", "English");
        Assert.Contains(tricky, prompt);
        Assert.Equal(tricky, template.ExtractSource(prompt));
        Assert.Throws<ArgumentException>(() => new PromptTemplate("no placeholder here"));
    }
}
