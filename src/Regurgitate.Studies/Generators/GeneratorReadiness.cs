using System.Net.Http.Headers;
using Regurgitate.Generators;
using Regurgitate.RunDirectories;
using Regurgitate.Training;

namespace Regurgitate.Studies;

/// <summary>Why a generator of a study cannot run on this machine, and what would fix it.</summary>
/// <param name="Generator">The generator.</param>
/// <param name="Reason">What is missing, e.g. "apertium has no mode 'eng-spa' (installed: none)".</param>
/// <param name="Hint">How to fix it, if we know.</param>
public sealed record GeneratorProblem(StudyGenerator Generator, string Reason, string? Hint);

/// <summary>
/// Checks, before anything trains, that every generator whose output a study still needs can run here: Apertium
/// and its mode installed, an nmt checkpoint present, a file there, an openai endpoint answering (one cheap
/// <c>GET /models</c> with a short timeout; any HTTP answer counts, since servers differ in what they serve
/// there). Without it a study trains every human cell and its teachers first, and only then finds out.
/// </summary>
public static class GeneratorReadiness
{
    /// <summary>How long the endpoint probe waits for an answer.</summary>
    public static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The generators of <paramref name="plan"/> not yet generated in <paramref name="runDirectory"/> that cannot run here.</summary>
    public static IReadOnlyList<GeneratorProblem> Check(StudyPlan plan, string runDirectory)
    {
        var keys = new StudyKeys(plan);
        var store = new ArtifactStore(runDirectory);
        IReadOnlyList<string>? apertiumModes = null;
        var problems = new List<GeneratorProblem>();
        foreach (var generator in plan.Spec.Generators.OfType<ExternalGenerator>())
        {
            // What is generated already needs no generator (an endpoint may be long gone).
            if (store.Done(ArtifactKind.Generated, keys.Generations[generator.Name]) != null) continue;
            if (Problem(generator, ref apertiumModes) is GeneratorProblem problem) problems.Add(problem);
        }
        return problems;
    }

    /// <summary>Fails with exit code 2 (an <see cref="InputException"/> at the generator's spec line) on the first generator that cannot run.</summary>
    public static void Ensure(StudyPlan plan, string runDirectory)
    {
        var problems = Check(plan, runDirectory);
        if (problems.Count == 0) return;
        var problem = problems[0];
        string others = problems.Count == 1 ? "" : $" (nor can {string.Join(", ", problems.Skip(1).Select(p => p.Generator.Name))}; `regurg study plan` says why)";
        throw new InputException($"generator '{problem.Generator.Name}' cannot run here: {problem.Reason}; nothing was trained{others}",
            plan.Spec.File, problem.Generator.Line, problem.Hint);
    }

    static GeneratorProblem? Problem(ExternalGenerator generator, ref IReadOnlyList<string>? apertiumModes)
    {
        try
        {
            switch (generator.Spec)
            {
                case ApertiumSpec apertium:
                    apertiumModes ??= ApertiumGenerator.AvailableModes();
                    if (!apertiumModes.Contains(apertium.Mode))
                        return new(generator, $"apertium has no mode '{apertium.Mode}' (installed: {(apertiumModes.Count == 0 ? "none" : string.Join(", ", apertiumModes))})",
                            ApertiumGenerator.InstallHint);
                    return null;
                case NmtSpec nmt:
                    Checkpoint.ResolveForInference(nmt.Checkpoint);
                    return null;
                case FileImportSpec file:
                    return File.Exists(file.Path) ? null : new(generator, $"its file {file.Path} does not exist", null);
                case OpenAIChatSpec openai:
                    return Probe(generator, openai.Settings);
                default:
                    return null;
            }
        }
        catch (InputException e)
        {
            return new(generator, e.File == null ? e.Problem : $"{e.File}: {e.Problem}", e.Hint);
        }
    }

    static GeneratorProblem? Probe(ExternalGenerator generator, OpenAIChatSettings settings)
    {
        string? key = settings.ApiKeyEnvironmentVariable is string variable ? ApiKeyVariable.Read(variable, "api_key_env") : null;
        var models = new Uri(settings.BaseUrl.AbsoluteUri.TrimEnd('/') + "/models");
        using var client = new HttpClient { Timeout = ProbeTimeout };
        using var request = new HttpRequestMessage(HttpMethod.Get, models);
        if (key != null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        try
        {
            using var response = client.Send(request, HttpCompletionOption.ResponseHeadersRead);
            return null;
        }
        catch (HttpRequestException e)
        {
            return new(generator, $"the endpoint {settings.BaseUrl} does not answer ({e.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "connection refused or unreachable",
                HttpRequestError.NameResolutionError => "unknown host",
                HttpRequestError.SecureConnectionError => "TLS failed",
                _ => e.Message,
            }})", "start the server, or check base_url");
        }
        catch (TaskCanceledException)
        {
            return new(generator, $"the endpoint {settings.BaseUrl} did not answer within {ProbeTimeout.TotalSeconds:0} s", "start the server, or check base_url");
        }
    }
}
