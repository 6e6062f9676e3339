using System.CommandLine;
using System.Globalization;
using Regurgitate.Generators;
using Regurgitate.Decoding;
using Regurgitate.Serving;

namespace Regurgitate.Cli.Commands;

/// <summary>
/// `regurg serve`: an OpenAI-compatible endpoint on 127.0.0.1 over a checkpoint or recorded translations, with fault
/// injection; with --fine-tuning, also the files and fine-tuning API over a base checkpoint (docs/finetuning.md).
/// </summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var checkpoint = new Option<string?>("--checkpoint", "-c") { Description = "serve this run directory (its best checkpoint) or checkpoint directory" };
        var fromFile = new Option<string[]?>("--from-file")
        {
            Description = "serve recorded translations: SOURCES TRANSLATIONS, two line-aligned files; a source is looked up by its exact text",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var port = new Option<int>("--port", "-p") { Description = "TCP port on 127.0.0.1 (0: pick a free one)", DefaultValueFactory = _ => 8080 };
        var model = new Option<string?>("--model") { Description = "model id clients must name (default: nmt:<folder> or the translations file name)" };
        var prompt = new Option<string?>("--prompt") { Description = "the prompt template clients send, with {source_lang}/{target_lang}/{source}, so the source can be recovered (a message that does not match it gets HTTP 400); default: a message in the generators' default prompt yields its {source}, any other message is the source as a whole" };
        var faults = new Option<string?>("--inject-faults") { Description = "faults to inject, from ok, 429, 500, 502, 503, timeout, malformed, empty: a cycle \"429,500,503,timeout,malformed,empty,ok\" or probabilities \"429:0.2,502:0.1,timeout:0.05\"" };
        var faultSeed = new Option<int>("--fault-seed") { Description = "seed of probabilistic faults", DefaultValueFactory = _ => 0 };
        var retryAfter = new Option<double>("--retry-after") { Description = "seconds a 429 asks clients to wait (Retry-After, retry-after-ms)", DefaultValueFactory = _ => 1.0 };
        var hang = new Option<double>("--hang") { Description = "seconds a timeout fault holds a request before answering 504", DefaultValueFactory = _ => 60.0 };
        var apiKeyEnv = new Option<string?>("--api-key-env") { Description = "require \"Authorization: Bearer KEY\" with the key held in this environment variable" };
        var logRequests = new Option<bool>("--log-requests") { Description = "print one line per request (number or route, status, fault) to standard error; without it, only refused and failed requests are printed" };
        var maxBody = new Option<int>("--max-body-mb") { Description = "largest request body accepted, in MB (1 MB = 1,048,576 bytes); a larger one gets HTTP 413", DefaultValueFactory = _ => TranslationServerOptions.DefaultMaxRequestBodyMegabytes };
        var beam = new Option<int>("--beam") { Description = "checkpoint: beam size", DefaultValueFactory = _ => DecodingOptions.Defaults.BeamSize };
        var greedy = new Option<bool>("--greedy") { Description = "checkpoint: greedy decoding" };
        var device = ComputeOptions.Device("checkpoint");
        var fineTuning = new Option<bool>("--fine-tuning") { Description = "also serve /v1/files and /v1/fine_tuning/jobs: jobs fine-tune --base on uploaded chat examples, and their models are served by name (docs/finetuning.md)" };
        var baseCheckpoint = new Option<string?>("--base") { Description = "fine-tuning: the base model, a run directory or checkpoint directory" };
        var state = new Option<string?>("--state") { Description = "fine-tuning: directory of uploaded files, jobs and fine-tuned models; restarting on it resumes queued and running jobs" };
        var epochs = new Option<int>("--default-epochs") { Description = "fine-tuning: epochs of a job that leaves n_epochs on \"auto\"", DefaultValueFactory = _ => 3 };
        var command = new Command("serve", "Serve a checkpoint or recorded translations as an OpenAI-compatible /v1/chat/completions endpoint on 127.0.0.1.");
        foreach (var option in new Option[] { checkpoint, fromFile, port, model, prompt, faults, faultSeed, retryAfter, hang, apiKeyEnv, logRequests, maxBody, beam, greedy, device, fineTuning, baseCheckpoint, state, epochs })
            command.Options.Add(option);

        command.SetAction(async (parse, cancellationToken) =>
        {
            string? checkpointPath = parse.GetValue(checkpoint);
            string[]? files = parse.GetValue(fromFile) is { Length: > 0 } given ? given : null;
            bool fineTune = parse.GetValue(fineTuning);
            if (fineTune)
            {
                if (checkpointPath != null || files != null)
                    throw new InputException("serve --fine-tuning takes its model from --base, not --checkpoint or --from-file");
                if (parse.GetValue(baseCheckpoint) == null || parse.GetValue(state) == null)
                    throw new InputException("serve --fine-tuning needs --base DIR (the model to fine-tune) and --state DIR (where files and jobs are kept)");
                if (parse.GetValue(epochs) is < 1 or > 50) throw new InputException($"--default-epochs must be 1..50, not {parse.GetValue(epochs)}");
            }
            else if (parse.GetValue(baseCheckpoint) != null || parse.GetValue(state) != null)
                throw new InputException("--base and --state go with --fine-tuning");
            else if ((checkpointPath == null) == (files == null))
                throw new InputException("serve needs exactly one of --checkpoint DIR, --from-file SOURCES TRANSLATIONS or --fine-tuning --base DIR --state DIR");
            int portNumber = parse.GetValue(port);
            if (portNumber is < 0 or > 65535) throw new InputException($"--port must be between 1 and 65535 (or 0: any free port), not {portNumber}");
            int maxBodyMegabytes = parse.GetValue(maxBody);
            if (maxBodyMegabytes is < 1 or > 100_000) throw new InputException($"--max-body-mb must be between 1 and 100000, not {maxBodyMegabytes}");
            PromptTemplate? template = null;
            if (parse.GetValue(prompt) is string promptText)
            {
                try { template = new PromptTemplate(promptText.Replace("\\n", "\n", StringComparison.Ordinal)); }
                catch (ArgumentException e) { throw new InputException($"--prompt: {e.Message}"); }
            }
            string? apiKey = null;
            if (parse.GetValue(apiKeyEnv) is string variable)
            {
                apiKey = ApiKeyVariable.Read(variable, "--api-key-env");
            }
            var error = parse.InvocationConfiguration.Error;
            var options = new TranslationServerOptions
            {
                Port = portNumber,
                ModelName = parse.GetValue(model),
                Prompt = template,
                Faults = parse.GetValue(faults) is string plan ? FaultPlan.Parse(plan, parse.GetValue(faultSeed)) : FaultPlan.None,
                RetryAfter = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(retryAfter))),
                Hang = TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(hang))),
                ApiKey = apiKey,
                // Refused and failed requests are always told; every request with --log-requests.
                Log = line => { lock (error) error.WriteLine("serve: " + line); },
                LogErrorsOnly = !parse.GetValue(logRequests),
                MaxRequestBodyBytes = maxBodyMegabytes * 1024L * 1024,
            };

            var decoding = DecodingOptions.Defaults with
            {
                Strategy = parse.GetValue(greedy) ? DecodingStrategy.Greedy : DecodingStrategy.Beam,
                BeamSize = parse.GetValue(beam),
            };
            if (fineTune)
                return await ServeFineTuningAsync(parse, options, new FineTuningServerOptions(parse.GetValue(baseCheckpoint)!, parse.GetValue(state)!)
                {
                    BaseModelName = options.ModelName,
                    Decoding = decoding,
                    Device = parse.GetValue(device)!,
                    DefaultEpochs = parse.GetValue(epochs),
                    Prompt = template,
                    Log = line => { lock (error) error.WriteLine("serve: " + line); },
                }, cancellationToken);

            using ITranslationBackend backend = files != null
                ? FileLookupBackend.Load(files[0], files[1])
                : NmtBackend.Load(checkpointPath!, decoding, parse.GetValue(device)!);
            TranslationServer server;
            try
            {
                server = await TranslationServer.StartAsync(backend, options, cancellationToken);
            }
            catch (IOException e)
            {
                throw new InputException($"cannot listen on 127.0.0.1:{portNumber}: {e.Message}", hint: "choose another --port, or 0 for a free one");
            }
            await using (server)
            {
                var o = parse.InvocationConfiguration.Output;
                o.WriteLine($"serving {server.ModelName} at {server.BaseUrl} (POST /v1/chat/completions, GET /v1/models); Ctrl+C stops");
                o.Flush();
                await server.WaitAsync(cancellationToken);
                error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"serve: stopped after {server.Requests} requests ({server.Translated} translated, {server.FaultsInjected} faults injected)"));
            }
            return 0;
        });
        return Interruptible.Mark(command);
    }

    static async Task<int> ServeFineTuningAsync(ParseResult parse, TranslationServerOptions options, FineTuningServerOptions fineTuning, CancellationToken cancellationToken)
    {
        FineTuningServer server;
        try
        {
            server = await FineTuningServer.StartAsync(fineTuning, options, cancellationToken);
        }
        catch (IOException e)
        {
            throw new InputException($"cannot listen on 127.0.0.1:{options.Port}: {e.Message}", hint: "choose another --port, or 0 for a free one");
        }
        var error = parse.InvocationConfiguration.Error;
        await using (server)
        {
            var o = parse.InvocationConfiguration.Output;
            o.WriteLine($"serving {server.BaseModel} and its fine-tuned models at {server.BaseUrl} (/v1/files, /v1/fine_tuning/jobs, /v1/chat/completions, /v1/models); state in {Path.GetFullPath(fineTuning.StateDirectory)}; Ctrl+C stops");
            o.Flush();
            await server.WaitAsync(cancellationToken);
        }
        // Disposing stopped the worker; a job in training saved its checkpoint and resumes on the next start.
        int running = server.Jobs.List().Count(j => j.Status == Regurgitate.FineTuning.FineTuningJobStatus.Running);
        error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"serve: stopped after {server.Requests} chat requests; {running} running job(s) kept their checkpoint and resume when serve starts again on {fineTuning.StateDirectory}"));
        return 0;
    }
}
