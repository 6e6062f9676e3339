using System.CommandLine;
using Regurgitate.Neural.Runtime;
using Spectre.Console;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg doctor`: what runtime this machine gives us, and which corpora it can see.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Report the TorchSharp/libtorch runtime, threads, devices, the host compatibility fix, and visible corpora.");
        command.SetAction(parse =>
        {
            var console = Terminal.AnsiConsoleFor(parse.InvocationConfiguration.Output);
            var runtime = TorchRuntime.Describe();
            var table = new Table().AddColumn("what").AddColumn("value");
            table.AddRow("regurgitate", typeof(CommandLine).Assembly.GetName().Version?.ToString() ?? "?");
            table.AddRow(".NET", Environment.Version.ToString());
            table.AddRow("TorchSharp", runtime.TorchSharpVersion);
            table.AddRow("libtorch", runtime.LibTorchVersion);
            table.AddRow("threads", $"{runtime.Threads} (machine has {Environment.ProcessorCount} logical cores)");
            table.AddRow("devices", runtime.CudaAvailable ? $"cpu, cuda x{runtime.CudaDevices}" : "cpu (CUDA not available)");
            table.AddRow("compatibility fix", Markup.Escape(runtime.CompatibilityFix ?? "none needed on this host"));
            console.Write(table);
            return 0;
        });
        return command;
    }
}
