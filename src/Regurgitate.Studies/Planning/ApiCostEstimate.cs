using Microsoft.ML.Tokenizers;

namespace Regurgitate.Studies;

/// <summary>What one API cell is expected to send and cost (US dollars; null without prices).</summary>
public sealed record ApiCellEstimate(string Cell, long TrainingTokens, long InputTokens, long OutputTokens, double? Cost);

/// <summary>
/// Tokens and cost of the API students' cells before anything is sent: training tokens are the chat training
/// file's tokens times the epochs (the provider's billing), inference tokens the test set's prompts and, for
/// replies, its human references. Counted with the model's tiktoken encoding (o200k_base for names tiktoken
/// does not know, such as local models), with OpenAI's per-message overhead. Synthetic targets do not exist
/// before generation, so every cell's targets are estimated by the human targets of the same sources.
/// </summary>
public static class ApiCostEstimate
{
    // OpenAI's chat accounting: each message costs its content plus about 3 tokens of framing and 1 for the
    // role, and a reply is primed with 3 more.
    const int PerMessage = 4, Priming = 3;

    /// <summary>Estimates for <paramref name="cells"/> of a study whose student is fine-tuned through an API.</summary>
    public static IReadOnlyList<ApiCellEstimate> For(StudyPlan plan, IEnumerable<StudyCell> cells)
    {
        var student = plan.Spec.ApiStudent ?? throw new InvalidOperationException("the study's student is not an API student");
        var tokenizer = TokenizerFor(student.Chat.Model);
        int Count(string? text) => text == null ? 0 : tokenizer.CountTokens(text);
        var chat = student.Chat;
        int system = chat.System == null ? 0 : PerMessage + Count(chat.System);
        long Prompt(string source) => system + PerMessage + Count(chat.Prompt.Render(source, chat.SourceLanguage, chat.TargetLanguage)) + Priming;

        var poolTokens = new List<long>();
        long PoolPrefix(int n)
        {
            for (int i = poolTokens.Count; i < Math.Min(n, plan.StudentPool.Count); i++)
            {
                var pair = plan.StudentPool[i];
                poolTokens.Add((i == 0 ? 0 : poolTokens[i - 1]) + Prompt(pair.Source) + PerMessage + Count(pair.Target));
            }
            return n == 0 || poolTokens.Count == 0 ? 0 : poolTokens[Math.Min(n, poolTokens.Count) - 1];
        }
        long input = plan.Test.Sum(p => Prompt(p.Source));
        long output = plan.Test.Sum(p => (long)Count(p.Target) + 1);
        int epochs = student.Epochs ?? ApiStudentSpec.AssumedEpochs;
        return cells.Select(cell =>
        {
            long training = epochs * PoolPrefix(cell.Size);
            double? cost = student.Prices is TokenPrices p ? (training * p.Training + input * p.Input + output * p.Output) / 1e6 : null;
            return new ApiCellEstimate(cell.Id, training, input, output, cost);
        }).ToList();
    }

    static Tokenizer TokenizerFor(string model)
    {
        try
        {
            return TiktokenTokenizer.CreateForModel(model);
        }
        catch (Exception e) when (e is NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return TiktokenTokenizer.CreateForEncoding("o200k_base");
        }
    }
}
