using Regurgitate.Cli;
using static Regurgitate.Tests.InProcessCli;

namespace Regurgitate.Tests.Commands;

public class DoctorCommandTests
{
    [Fact]
    public async Task Doctor_reports_libtorch_threads_and_devices()
    {
        var (code, output, _) = await Run("doctor");
        Assert.Equal(0, code);
        Assert.Contains("2.10.0", output);
        Assert.Contains("threads", output);
        Assert.Contains("cpu", output);
        Assert.Contains("compatibility fix", output);
    }

    [Fact]
    public async Task Doctor_lists_the_corpora_it_can_see_and_how_to_get_the_others()
    {
        string empty = Directory.CreateTempSubdirectory("regurg-doctor-").FullName;
        try
        {
            var (withData, output, _) = await Run("doctor");
            Assert.Equal(0, withData);
            Assert.Matches(@"multi30k\s*│\s*\d+/\d+: train", output);

            var (withoutData, bare, _) = await Run("doctor", "--data-dir", empty);
            Assert.Equal(0, withoutData);
            Assert.Contains("none (regurg corpus download multi30k)", bare);
        }
        finally { Directory.Delete(empty, true); }
    }

    [Fact]
    public async Task Unknown_option_is_an_input_error()
    {
        var (code, _, error) = await Run("doctor", "--no-such-option");
        Assert.Equal(CommandLine.BadInputExitCode, code);
        Assert.Contains("--no-such-option", error);
    }
}
