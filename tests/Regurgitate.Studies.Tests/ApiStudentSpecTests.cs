using Regurgitate.FineTuning;
using Regurgitate.Studies;

namespace Regurgitate.Tests;

/// <summary>`student: {type: openai-finetune}`: the spec, and the tokens and money `study plan` and `study run` reckon with before anything is sent.</summary>
public sealed class ApiStudentSpecTests : IDisposable
{
    readonly StudyTestData data = new();

    public void Dispose() => data.Dispose();

    static string Spec(string student) => $"""
        name: api
        {StudyTestData.DataBlock}
        student: {student}
        conditions: [human]
        sizes: [60, 120]
        seeds: [1]
        """;

    const string Local = "{type: openai-finetune, base_url: 'http://127.0.0.1:9/v1', model: base-lm, epochs: 2, max_retries: 0}";

    [Fact]
    public void An_api_student_takes_the_openai_generators_keys_and_the_studys_languages()
    {
        var spec = StudySpec.Parse(Spec(Local), data.Write(Spec(Local)));
        var api = Assert.IsType<ApiStudentSpec>(spec.ApiStudent);
        Assert.Equal("base-lm", api.Chat.Model);
        Assert.Equal(("German", "English"), (api.Chat.SourceLanguage, api.Chat.TargetLanguage));
        Assert.Equal(ChatFineTuningFormat.DefaultSystem, api.Chat.System);
        Assert.Equal(2, api.Epochs);
        Assert.Null(api.Prices);
        Assert.Contains("base-lm fine-tuned through http://127.0.0.1:9/v1 (2 epochs)", api.Describe());
    }

    public static TheoryData<string, string, string> BadStudents() => new()
    {
        { "a key in the spec", "{type: openai-finetune, base_url: 'http://x/v1', model: m, api_key: sk-123}", "api_key must not be written in a spec" },
        { "unknown key", "{type: openai-finetune, base_url: 'http://x/v1', model: m, epoch: 3}", "unknown key 'student.epoch' for a student of type openai-finetune" },
        { "a gate without prices", "{type: openai-finetune, base_url: 'http://x/v1', model: m, confirm_above: 5}", "'confirm_above' needs 'prices'" },
        { "half the prices", "{type: openai-finetune, base_url: 'http://x/v1', model: m, prices: {training: 25}}", "'student.prices.input' is missing" },
        { "unknown type", "{type: anthropic-finetune, model: m}", "unknown student type 'anthropic-finetune'" },
        { "no base url", "{type: openai-finetune, model: m}", "base_url" },
    };

    [Theory]
    [MemberData(nameof(BadStudents))]
    public void A_bad_api_student_is_an_error_naming_the_spec_line(string problem, string student, string message)
    {
        string file = data.Write(Spec(student));
        var e = Assert.Throws<InputException>(() => StudySpec.Load(file));
        Assert.True(e.Message.Contains(message, StringComparison.Ordinal), $"{problem}: {e.Message}");
        Assert.StartsWith($"{file}:9:", e.Message);
    }

    [Fact]
    public void The_estimate_counts_chat_tokens_times_epochs_and_prices_them()
    {
        string student = "{type: openai-finetune, base_url: 'http://127.0.0.1:9/v1', model: gpt-4o-mini-2024-07-18, epochs: 2, prices: {training: 3.0, input: 0.3, output: 1.2}, confirm_above: 0.01}";
        var plan = StudyPlan.Create(StudySpec.Load(data.Write(Spec(student))), StudyTestData.Data);
        var estimates = ApiCostEstimate.For(plan, plan.Cells);
        var (small, large) = (estimates[0], estimates[1]);
        // 60 and 120 pairs: twice the examples, about twice the training tokens; the test set is the same for both.
        Assert.InRange(large.TrainingTokens / (double)small.TrainingTokens, 1.8, 2.2);
        Assert.Equal(small.InputTokens, large.InputTokens);
        // Each example holds at least its system message, prompt and target with their framing.
        Assert.True(small.TrainingTokens > 2 * 60 * 30, $"{small.TrainingTokens} training tokens for 60 pairs at 2 epochs");
        Assert.Equal((small.TrainingTokens * 3.0 + small.InputTokens * 0.3 + small.OutputTokens * 1.2) / 1e6, small.Cost!.Value, 9);

        var threeEpochs = StudyPlan.Create(StudySpec.Load(data.Write(Spec(student.Replace("epochs: 2", "epochs: 3")), "three.yaml")), StudyTestData.Data);
        Assert.Equal(small.TrainingTokens * 3 / 2, ApiCostEstimate.For(threeEpochs, threeEpochs.Cells)[0].TrainingTokens);

        var lines = PlanSummary.Describe(plan, Path.Combine(data.Folder, "run"));
        Assert.Contains(lines, l => l.Contains("API fine-tuning: 2 of 2 cells still to fine-tune (2 epochs", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("`study run` asks for --yes above $0.01", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("tokenizer,", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_refuses_above_confirm_above_without_yes_and_sends_nothing()
    {
        string student = "{type: openai-finetune, base_url: 'http://127.0.0.1:9/v1', model: base-lm, max_retries: 0, prices: {training: 25, input: 3, output: 12}, confirm_above: 0.001}";
        var plan = StudyPlan.Create(StudySpec.Load(data.Write(Spec(student))), StudyTestData.Data);
        string run = Path.Combine(data.Folder, "run");
        var e = Assert.Throws<InputException>(() => new StudyRunner(plan, new StudyRunOptions { RunDirectory = run }).Execute());
        Assert.Contains("the 2 API cell(s) still to fine-tune are estimated to cost $", e.Message);
        Assert.Contains("nothing was sent", e.Message);
        Assert.Contains("--yes", e.Message);
        Assert.False(Directory.Exists(run));

        // Confirmed, it goes on, and the unreachable endpoint fails the cells with the reason rather than the run.
        var summary = new StudyRunner(plan, new StudyRunOptions { RunDirectory = run, ConfirmedCost = true }).Execute();
        Assert.Equal((2, 0, 2), (summary.Cells, summary.Done, summary.Failed));
        Assert.Contains("connection failed", File.ReadAllText(Path.Combine(run, "results.jsonl")));
    }
}
