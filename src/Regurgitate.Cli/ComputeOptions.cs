using System.CommandLine;

namespace Regurgitate.Cli;

/// <summary>The shared <c>--threads</c> and <c>--device</c> options of the commands that run a model.</summary>
static class ComputeOptions
{
    /// <summary><c>--threads N</c>: libtorch's intra-op threads.</summary>
    public static Option<int> Threads() =>
        new("--threads") { Description = "libtorch intra-op threads (0: libtorch default)", DefaultValueFactory = _ => 0 };

    /// <summary><c>--device cpu|cuda[:N]</c>; <paramref name="scope"/> prefixes the help where the option applies to one mode only.</summary>
    public static Option<string> Device(string? scope = null) =>
        new("--device") { Description = $"{(scope == null ? "" : scope + ": ")}cpu or cuda[:N]", DefaultValueFactory = _ => "cpu" };
}
