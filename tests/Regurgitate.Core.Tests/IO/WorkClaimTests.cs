using System.Text.Json.Nodes;
using Regurgitate.IO;

namespace Regurgitate.Tests;

public sealed class WorkClaimTests : IDisposable
{
    readonly string folder = Path.Combine(Path.GetTempPath(), "regurg-claim-tests", Guid.NewGuid().ToString("N"));
    static readonly ClaimTiming Fast = new(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(20));

    public WorkClaimTests() => Directory.CreateDirectory(folder);

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    string ClaimPath => Path.Combine(folder, "work.claim");

    /// <summary>A claim file as another holder would have written it.</summary>
    void WriteForeign(string host, int pid, long beat) => File.WriteAllText(ClaimPath, new JsonObject
    {
        ["owner"] = $"{host}:{pid}:x", ["host"] = host, ["pid"] = pid, ["process_start"] = 1, ["beat"] = beat, ["time"] = "2026-01-01T00:00:00Z",
    }.ToJsonString());

    [Fact]
    public void A_claim_is_exclusive_until_disposed_and_names_its_holder()
    {
        using (var first = WorkClaim.TryTake(ClaimPath, Fast))
        {
            Assert.NotNull(first);
            Assert.True(first!.StillHeld);
            Assert.Null(WorkClaim.TryTake(ClaimPath, Fast));
            Assert.Equal($"{Environment.MachineName}, process {Environment.ProcessId}", WorkClaim.Holder(ClaimPath));
        }
        Assert.False(File.Exists(ClaimPath));
        Assert.Null(WorkClaim.Holder(ClaimPath));
        using var second = WorkClaim.TryTake(ClaimPath, Fast);
        Assert.NotNull(second);
    }

    [Fact]
    public void Only_one_of_many_racing_takers_wins()
    {
        var claims = new WorkClaim?[16];
        Parallel.For(0, claims.Length, i => claims[i] = WorkClaim.TryTake(ClaimPath, Fast));
        Assert.Single(claims, c => c != null);
        foreach (var c in claims) c?.Dispose();
    }

    [Fact]
    public void The_claim_of_a_dead_process_on_this_host_is_taken_over_at_once()
    {
        using var exited = System.Diagnostics.Process.Start("true")!;
        exited.WaitForExit();
        WriteForeign(Environment.MachineName, exited.Id, beat: 0);
        Assert.Null(WorkClaim.Holder(ClaimPath));
        using var claim = WorkClaim.TryTake(ClaimPath, Fast);
        Assert.NotNull(claim);
        Assert.True(claim!.StillHeld);
    }

    [Fact]
    public void Another_hosts_claim_expires_only_after_its_heartbeat_stops_for_the_expiry()
    {
        WriteForeign("some-other-node", 4242, beat: 0);
        Assert.Equal("some-other-node, process 4242", WorkClaim.Holder(ClaimPath));
        // Alive: its content changes within every expiry, so it is never taken, however long others watch.
        for (int beat = 1; beat <= 6; beat++)
        {
            Assert.Null(WorkClaim.TryTake(ClaimPath, Fast));
            Thread.Sleep(150);
            WriteForeign("some-other-node", 4242, beat);
        }
        // Silent: taken over once the watcher has seen it unchanged for the expiry, by the watcher's own clock.
        Assert.Null(WorkClaim.TryTake(ClaimPath, Fast));
        Thread.Sleep(500);
        using var claim = WorkClaim.TryTake(ClaimPath, Fast);
        Assert.NotNull(claim);
    }

    [Fact]
    public void The_holder_keeps_its_claim_alive_with_heartbeats()
    {
        using var claim = WorkClaim.TryTake(ClaimPath, Fast)!;
        long Beat() => (long)JsonNode.Parse(File.ReadAllText(ClaimPath))!["beat"]!;
        long before = Beat();
        Thread.Sleep(1000);
        Assert.True(Beat() > before, $"beat {Beat()} after {before}: {File.ReadAllText(ClaimPath)}");
    }

    [Fact]
    public void A_bad_expiry_variable_is_an_input_error()
    {
        Environment.SetEnvironmentVariable(ClaimTiming.ExpiryVariable, "soon");
        try
        {
            var e = Assert.Throws<InputException>(ClaimTiming.FromEnvironment);
            Assert.Contains("REGURG_CLAIM_EXPIRY=soon", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ClaimTiming.ExpiryVariable, null);
        }
    }
}
