using Xunit.Sdk;

namespace Regurgitate.Tests;

/// <summary>The rule every tool-dependent test follows: skipped with its reason where the tool is missing, failed under CI.</summary>
public class RequiredToolTests
{
    const string Missing = "regurg-no-such-tool is not installed (apt-get install -y regurg-no-such-tool)";

    [Fact]
    public void A_tool_that_is_not_on_path_is_found_missing_and_one_that_is_is_found()
    {
        Assert.Null(RequiredTool.OnPath("regurg-no-such-tool"));
        Assert.NotNull(RequiredTool.OnPath("sh"));
    }

    [Fact]
    public void A_missing_tool_skips_the_test_with_the_reason()
    {
        // Caught by hand: xUnit's Assert.Throws lets a skip through, which would skip this test itself.
        Exception? thrown = null;
        try { RequiredTool.Require(Missing, underCi: false); }
        catch (Exception e) { thrown = e; }
        var skip = Assert.IsType<SkipException>(thrown);
        Assert.Contains(Missing, skip.Message);
    }

    [Fact]
    public void Under_ci_a_missing_tool_fails_the_test()
    {
        var failure = Assert.Throws<FailException>(() => RequiredTool.Require(Missing, underCi: true));
        Assert.Contains(Missing, failure.Message);
        Assert.Contains("CI=true", failure.Message);
    }

    [Fact]
    public void An_installed_tool_lets_the_test_run_in_and_out_of_ci()
    {
        RequiredTool.Require(null, underCi: false);
        RequiredTool.Require(null, underCi: true);
        RequiredTool.Require(RequiredTool.OnPath("sh") != null, Missing);
    }
}
