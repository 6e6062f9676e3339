using System.CommandLine;
using System.Globalization;
using Regurgitate.FineTuning;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg finetune`: chat fine-tuning files, and one-off jobs through a provider's fine-tuning API (or `serve --fine-tuning`).</summary>
internal static class FinetuneCommand
{
    public static Command Create()
    {
        var command = new Command("finetune", "Fine-tuning through the OpenAI API or a local `regurg serve --fine-tuning`: export chat JSONL, submit a job, follow it, evaluate the model.");
        command.Subcommands.Add(FinetuneExportCommand.Create());
        command.Subcommands.Add(FinetuneSubmitCommand.Create());
        command.Subcommands.Add(FinetuneStatusCommand.Create());
        command.Subcommands.Add(FinetuneEvaluateCommand.Create());
        return command;
    }

    /// <summary>One job as lines for a person: id, status, model names, and the reason when it failed.</summary>
    public static void Print(TextWriter output, FineTuningJobRecord job)
    {
        output.WriteLine($"job {job.Id}: {job.Status}");
        output.WriteLine($"  base model:       {job.Model}");
        output.WriteLine($"  training file:    {job.TrainingFile}" + (job.ValidationFile == null ? "" : $" (validation {job.ValidationFile})"));
        if (job.Epochs is int epochs) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  epochs:           {epochs}"));
        if (job.Seed is long seed) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  seed:             {seed}"));
        if (job.FineTunedModel != null) output.WriteLine($"  fine-tuned model: {job.FineTunedModel}");
        if (job.TrainedTokens is long tokens) output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  trained tokens:   {tokens:N0}"));
        if (job.Error != null) output.WriteLine($"  error:            {job.Error}");
    }
}
