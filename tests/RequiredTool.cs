namespace Regurgitate.Tests;

/// <summary>
/// The one rule for tests that need a tool outside .NET (Apertium, chromium, a Slurm): where it is missing the
/// test is reported as skipped, with the reason, and the run's summary counts it; under CI=true, where
/// ./run-tests installs the tools, a missing tool fails the test instead. Linked into every test project.
/// </summary>
internal static class RequiredTool
{
    /// <summary>Whether this run is CI's (CI=true), where every tool must be there.</summary>
    public static bool UnderCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>Skips (or under CI fails) the calling test unless <paramref name="installed"/>; <paramref name="missing"/> says what is missing and how to install it.</summary>
    public static void Require(bool installed, string missing) => Require(installed ? null : missing);

    /// <summary>Skips (or under CI fails) the calling test when <paramref name="missing"/> is not null: why the tool cannot run here.</summary>
    public static void Require(string? missing)
    {
        bool underCi = UnderCi;
        // `dotnet test` prints a skip's reason only at normal verbosity; a diagnostic message (tests/xunit.runner.json
        // turns them on) prints at the default one, so the reason stands in run-tests' log beside the [SKIP] line.
        if (missing != null && !underCi)
            TestContext.Current.SendDiagnosticMessage($"skipped {TestContext.Current.Test?.TestDisplayName}: {missing}");
        Require(missing, underCi);
    }

    /// <summary><see cref="Require(string?)"/> with the CI rule given, so that both outcomes can be tested.</summary>
    internal static void Require(string? missing, bool underCi)
    {
        if (missing is null) return;
        if (underCi) Assert.Fail($"{missing} (CI=true: ./run-tests installs it, so it must be there)");
        Assert.Skip(missing);
    }

    /// <summary>The full path of <paramref name="program"/> on PATH, or null.</summary>
    public static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, program)).FirstOrDefault(File.Exists);
}
