using System.CommandLine;
using System.Globalization;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg finetune status JOB`: where a fine-tuning job stands, and its events.</summary>
internal static class FinetuneStatusCommand
{
    public static Command Create()
    {
        var command = new Command("status", "Show a fine-tuning job: status, fine-tuned model, error, and its events.");
        var job = new Argument<string>("JOB") { Description = "the job id, e.g. ftjob-abc123" };
        var events = new Option<int>("--events") { Description = "show the last N events (0: none)", DefaultValueFactory = _ => 10 };
        var endpoint = new FineTuningEndpointArguments().AddTo(command);
        command.Arguments.Add(job);
        command.Options.Add(events);

        command.SetAction(async (parse, cancellationToken) =>
        {
            string id = parse.GetValue(job)!;
            int last = parse.GetValue(events);
            if (last < 0) throw new InputException($"--events must be 0 or more, not {last}");
            var client = endpoint.Endpoint(parse, line => parse.InvocationConfiguration.Error.WriteLine(line));
            var o = parse.InvocationConfiguration.Output;
            var record = await client.GetJobAsync(id, cancellationToken);
            FinetuneCommand.Print(o, record);
            if (last > 0)
            {
                var log = await client.GetEventsAsync(id, cancellationToken);
                if (log.Count > 0) o.WriteLine("events:");
                foreach (var e in log.TakeLast(last))
                    o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {e.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z {e.Level,-5} {e.Message}"));
            }
            return 0;
        });
        return command;
    }
}
