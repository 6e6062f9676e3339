using System.CommandLine;
using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Cli.Commands;

/// <summary>`regurg corpus download`: fetch a named dataset (or one spec's files) from its official URLs into the data directory.</summary>
internal static class CorpusDownloadCommand
{
    public static Command Create()
    {
        var command = new Command("download",
            "Download a named dataset (all of it, e.g. `multi30k`) or one corpus (e.g. `multi30k:train:de-en`) into the data directory; "
            + "each file is verified (size, sha256, lines) before it appears.");
        var what = new Argument<string>("dataset-or-spec") { Description = "a dataset name or name:split:src-tgt" };
        command.Arguments.Add(what);
        CorpusArguments.AddDataDirOption(command);
        command.SetAction(async (parse, cancel) =>
        {
            var directory = CorpusArguments.DataDirectoryOf(parse);
            string text = parse.GetValue(what)!;
            IReadOnlyList<DatasetFile> files;
            if (text.Contains(':'))
            {
                var spec = DatasetSpec.Parse(text);
                var dataset = DatasetCatalog.Find(spec.Dataset);
                dataset.Validate(spec);
                files = dataset.FilesFor(spec);
            }
            else files = DatasetCatalog.Find(text).AllFiles();
            var output = parse.InvocationConfiguration.Output;
            int present = files.Count(f => directory.Locate(f) != null);
            using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("regurgitate/0.1");
            var written = await ConsoleProgress.RunAsync(parse, progress => new DatasetDownloader(http, progress).DownloadAsync(files, directory, cancel));
            foreach (var path in written) output.WriteLine($"downloaded {path}");
            output.WriteLine($"{written.Count} file(s) downloaded, {present} already present, in {directory.Root}");
            return 0;
        });
        return command;
    }
}
