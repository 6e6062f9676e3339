using System.CommandLine;
using Regurgitate.FineTuning;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg finetune submit`: upload chat JSONL and create one fine-tuning job; with --wait, follow it to its end.</summary>
internal static class FinetuneSubmitCommand
{
    public static Command Create()
    {
        var command = new Command("submit", "Upload a chat JSONL file (and a validation file) and create a fine-tuning job; --wait follows it to its end.");
        var train = new Option<string>("--train") { Description = "training file, chat JSONL (see `finetune export`)", Required = true };
        var validation = new Option<string?>("--validation") { Description = "validation file, chat JSONL" };
        var model = new Option<string>("--model") { Description = "base model to fine-tune, e.g. gpt-4o-mini-2024-07-18 or the model a local server names", Required = true };
        var suffix = new Option<string?>("--suffix") { Description = "up to 64 characters put into the fine-tuned model's name" };
        var epochs = new Option<int?>("--epochs") { Description = "epochs (default: the provider's \"auto\")" };
        var seed = new Option<long?>("--seed") { Description = "seed of the job (default: the provider draws one and reports it)" };
        var wait = new Option<bool>("--wait") { Description = "poll the job until it succeeds, fails or is cancelled, and print its end" };
        var endpoint = new FineTuningEndpointArguments().AddTo(command);
        foreach (var option in new Option[] { train, validation, model, suffix, epochs, seed, wait }) command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            string trainPath = parse.GetValue(train)!;
            string? validPath = parse.GetValue(validation);
            // The files are checked here, before anything is uploaded or paid for.
            var trainCount = ChatFineTuningJsonl.Read(trainPath).Count;
            if (validPath != null) ChatFineTuningJsonl.Read(validPath);
            if (parse.GetValue(suffix) is { Length: > 64 } s) throw new InputException($"--suffix has {s.Length} characters; the API allows 64");
            if (parse.GetValue(suffix) is string given && given.Any(char.IsControl)) throw new InputException("--suffix holds a control character (a line break, tab or NUL)");
            if (parse.GetValue(epochs) is < 1) throw new InputException($"--epochs must be at least 1, not {parse.GetValue(epochs)}");
            var error = parse.InvocationConfiguration.Error;
            var o = parse.InvocationConfiguration.Output;
            var client = endpoint.Endpoint(parse, line => error.WriteLine(line));

            var trainFile = await client.UploadAsync(trainPath, cancellationToken);
            o.WriteLine($"uploaded {trainPath} as {trainFile.Id} ({trainCount:N0} examples)");
            string? validId = null;
            if (validPath != null)
            {
                validId = (await client.UploadAsync(validPath, cancellationToken)).Id;
                o.WriteLine($"uploaded {validPath} as {validId}");
            }
            var job = await client.CreateJobAsync(new FineTuningJobRequest(parse.GetValue(model)!, trainFile.Id)
            {
                ValidationFile = validId,
                Suffix = parse.GetValue(suffix),
                Epochs = parse.GetValue(epochs),
                Seed = parse.GetValue(seed),
            }, cancellationToken);
            o.WriteLine($"created fine-tuning job {job.Id} ({job.Status}); follow it with `regurg finetune status {job.Id}`");
            o.Flush();
            if (!parse.GetValue(wait)) return 0;

            try
            {
                job = await client.WaitAsync(job.Id, cancellationToken: cancellationToken);
            }
            catch (OperationCanceledException)
            {
                throw new InterruptedRunException($"the job {job.Id} goes on at the provider; `regurg finetune status {job.Id}` follows it");
            }
            FinetuneCommand.Print(o, job);
            return job.Status == FineTuningJobStatus.Succeeded ? 0 : 1;
        });
        return Interruptible.Mark(command);
    }
}
