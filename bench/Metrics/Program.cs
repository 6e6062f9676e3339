using System.Diagnostics;
using System.Globalization;
using Regurgitate.Metrics;

// Times corpus-level metrics on the WMT17 en-de system outputs: text in, score out (tokenization,
// n-gram statistics, aggregation; file reading excluded). Usage:
//   Regurgitate.Bench.Metrics <wmt17-folder> [systems=16] [ter-systems=4]
string folder = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "corpora", "wmt17-newstest-en-de-systems");
int systemCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 16;
int terSystems = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 4;

var reference = SegmentFile.Read(Path.Combine(folder, "reference.de"));
var systems = Directory.GetFiles(folder, "*.de").Where(f => Path.GetFileName(f) != "reference.de").Order(StringComparer.Ordinal)
    .Take(systemCount).Select(SegmentFile.Read).ToArray();

Console.WriteLine($"# threads={Environment.ProcessorCount} systems={systems.Length} segments/system={reference.Length}");
Console.WriteLine("metric\tsystems\tsegments\tseconds\tsegments_per_second\tfirst_score");
Measure("BLEU tok:13a", new Bleu(), systems);
Measure("BLEU tok:none", new Bleu(new BleuOptions { Tokenize = "none" }), systems);
Measure("chrF2", new Chrf(), systems);
Measure("chrF2++", new Chrf(ChrfOptions.PlusPlus), systems);
Measure("TER", new Ter(), systems.Take(terSystems).ToArray());

void Measure(string name, TranslationMetric metric, string[][] hyps)
{
    metric.CorpusScore(hyps[0].Take(200).ToArray(), reference.Take(200).ToArray()); // JIT warm-up
    var clock = Stopwatch.StartNew();
    double first = double.NaN;
    foreach (var hyp in hyps)
    {
        double score = metric.CorpusScore(hyp, reference).Score;
        if (double.IsNaN(first)) first = score;
    }
    double seconds = clock.Elapsed.TotalSeconds;
    long segments = (long)hyps.Length * reference.Length;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name}\t{hyps.Length}\t{segments}\t{seconds:F3}\t{segments / seconds:F0}\t{first:F4}"));
}
