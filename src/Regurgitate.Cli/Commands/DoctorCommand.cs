using System.CommandLine;
using Regurgitate.Corpora.Datasets;
using Regurgitate.Runtime;
using Spectre.Console;
using Regurgitate.IO;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg doctor`: what runtime this machine gives us, and which corpora it can see.</summary>
internal static class DoctorCommand
{
    public static Command Create()
    {
        var command = new Command("doctor", "Report the TorchSharp/libtorch runtime, threads, devices, the host compatibility fix, and visible corpora.");
        CorpusArguments.AddDataDirOption(command);
        command.SetAction(parse =>
        {
            var console = Terminal.AnsiConsoleFor(parse.InvocationConfiguration.Output);
            var runtime = TorchRuntime.Describe();
            var table = new Table().AddColumn("what").AddColumn("value");
            table.AddRow("regurgitate", Markup.Escape(CommandLine.Version));
            table.AddRow(".NET", Environment.Version.ToString());
            table.AddRow("TorchSharp", runtime.TorchSharpVersion);
            table.AddRow("libtorch", runtime.LibTorchVersion);
            table.AddRow("threads", $"{runtime.Threads} (machine has {Environment.ProcessorCount} logical cores)");
            table.AddRow("devices", runtime.CudaAvailable ? $"cpu, cuda x{runtime.CudaDevices}" : "cpu (CUDA not available)");
            table.AddRow("compatibility fix", Markup.Escape(runtime.CompatibilityFix ?? "none needed on this host"));
            table.AddRow("heap", Markup.Escape(HeapTuning.Status));
            console.Write(table);

            var directory = CorpusArguments.DataDirectoryOf(parse);
            var corpora = new Table().AddColumn("dataset").AddColumn("splits present");
            foreach (var dataset in DatasetCatalog.All)
            {
                var present = dataset.Splits
                    .Where(split => split.LanguagePairs.Any(pair => dataset.IsPresent(new DatasetSpec(dataset.Name, split.Name, pair), directory)))
                    .Select(split => split.Name)
                    .ToList();
                corpora.AddRow(dataset.Name, Markup.Escape(present.Count == 0
                    ? "none (regurg corpus download " + dataset.Name + ")"
                    : $"{present.Count}/{dataset.Splits.Count}: {Abbreviate(present)}"));
            }
            console.WriteLine($"corpora in {directory.Root}:");
            console.Write(corpora);
            return 0;
        });
        return command;
    }

    static string Abbreviate(IReadOnlyList<string> names) =>
        names.Count <= 4 ? string.Join(", ", names) : string.Join(", ", names.Take(3)) + $", ... ({names.Count - 3} more)";
}
