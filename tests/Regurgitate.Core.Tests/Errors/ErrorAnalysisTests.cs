using Regurgitate.Errors;
using Regurgitate.Metrics;
using Regurgitate.Tests.Diversity;

namespace Regurgitate.Tests.Errors;

public class ErrorAnalysisTests
{
    static readonly ErrorOptions German = new(TargetScripts.For("de")!);

    // English sources and German outputs; the first eight are clean translations.
    static readonly (string Source, string Output)[] Clean =
    [
        ("The weather is nice today.", "Das Wetter ist heute schön."),
        ("We met at the station in the morning.", "Wir trafen uns morgens am Bahnhof."),
        ("The committee will decide next week.", "Der Ausschuss entscheidet nächste Woche."),
        ("Prices rose by two percent last year.", "Die Preise stiegen im letzten Jahr um zwei Prozent."),
        ("She has lived in Berlin since 2010.", "Sie lebt seit 2010 in Berlin."),
        ("The new bridge opens in spring.", "Die neue Brücke wird im Frühling eröffnet."),
        ("Nobody expected such a result.", "Niemand hatte ein solches Ergebnis erwartet."),
        ("The museum is closed on Mondays.", "Das Museum ist montags geschlossen."),
    ];

    static (List<string> Sources, List<string> Outputs) Synthetic()
    {
        var sources = Clean.Select(c => c.Source).ToList();
        var outputs = Clean.Select(c => c.Output).ToList();
        // 9: the source copied untranslated.
        sources.Add("The government announced new measures against inflation.");
        outputs.Add("The government announced new measures against inflation.");
        // 10: a loop.
        sources.Add("The talks continued for hours.");
        outputs.Add("Die Gespräche dauerten dauerten dauerten dauerten dauerten Stunden.");
        // 11: empty output.
        sources.Add("He did not comment on the report.");
        outputs.Add("");
        // 12: Cyrillic output.
        sources.Add("The minister visited the factory.");
        outputs.Add("Министр посетил завод.");
        // 13: a hallucinated, far too long output for a short source.
        sources.Add("Thank you.");
        outputs.Add("Vielen Dank für Ihre Aufmerksamkeit, wir werden uns in Kürze mit weiteren Informationen zu diesem Thema bei Ihnen melden.");
        return (sources, outputs);
    }

    [Fact]
    public void Synthetic_errors_are_flagged_and_clean_lines_are_not()
    {
        var (sources, outputs) = Synthetic();
        var report = ErrorAnalysis.Analyze(outputs, sources, null, German);
        var flags = report.Segments.Select(s => s.Flags).ToList();
        for (int i = 0; i < Clean.Length; i++) Assert.True(flags[i] == ErrorFlags.None, $"line {i + 1}: {flags[i]}");
        Assert.Equal(ErrorFlags.CopiedSource, flags[8]);
        Assert.Equal(1.0, report.Segments[8].SourceOverlap, 12);
        Assert.Equal(ErrorFlags.RepetitionLoop, flags[9]);
        Assert.Equal(new RepetitionLoop(1, 5), report.Segments[9].Loop);
        Assert.Equal(ErrorFlags.Empty, flags[10]);
        Assert.True(flags[11].HasFlag(ErrorFlags.ForeignScript));
        Assert.Equal([WritingScript.Cyrillic], report.Segments[11].ForeignScripts);
        Assert.Equal(1.0, report.Segments[11].ForeignLetterShare, 12);
        Assert.Equal(ErrorFlags.LengthOutlier, flags[12]);
        Assert.True(report.Segments[12].LengthZ > 3.5);
        Assert.Equal(1, report.Count(ErrorFlags.CopiedSource));
        Assert.Equal(1.0 / 13, report.Share(ErrorFlags.Empty), 12);
        Assert.Equal(5, report.FlaggedReferenceFree);
        Assert.Equal(Enumerable.Range(1, 13), report.Segments.Select(s => s.Line));
        Assert.Null(report.EditRates);
    }

    [Fact]
    public void Cyrillic_is_native_for_a_russian_target()
    {
        var report = ErrorAnalysis.Analyze(["Министр посетил завод."], ["The minister visited the factory."], null, new ErrorOptions(TargetScripts.For("ru")!));
        Assert.Equal(0, report.Segments[0].ForeignLetters);
        Assert.False(report.Segments[0].Flags.HasFlag(ErrorFlags.ForeignScript));
    }

    [Fact]
    public void Given_length_ratio_sets_the_centre()
    {
        var (sources, outputs) = Synthetic();
        var report = ErrorAnalysis.Analyze(outputs, sources, null, German with { ExpectedLengthRatio = 1.2 });
        Assert.Equal(Math.Log(1.2), report.LengthZ.Center, 12);
        Assert.Contains("given length ratio 1.2", report.LengthBaseline);
    }

    [Fact]
    public void References_add_chrf_and_edit_rate()
    {
        string[] outputs = ["Das Wetter ist heute schön.", "Völlig andere Wörter stehen hier jetzt."];
        string[] sources = ["The weather is nice today.", "We met at the station in the morning."];
        string[] references = ["Das Wetter ist heute schön.", "Wir trafen uns morgens am Bahnhof."];
        var report = ErrorAnalysis.Analyze(outputs, sources, references, German, new SacreBleuReferenceScorer());
        // Identical to the reference: no edits, chrF 100.
        Assert.Equal(0, report.Segments[0].Reference!.EditRate, 12);
        Assert.Equal(100, report.Segments[0].Reference!.Chrf, 9);
        Assert.False(report.Segments[0].Flags.HasFlag(ErrorFlags.HighEditRate));
        // Nothing in common: TER tokenizes "Wir trafen uns morgens am Bahnhof ." as 7 words and the output
        // as 7 words, all different → 7 substitutions / 7 = 1.0.
        Assert.Equal(1.0, report.Segments[1].Reference!.EditRate, 12);
        Assert.True(report.Segments[1].Flags.HasFlag(ErrorFlags.HighEditRate));
        Assert.Equal(0.5, report.EditRates!.AboveThreshold, 12);
        Assert.Equal(0.5, report.EditRates.Mean, 12);
        Assert.Equal([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], report.EditRates.Histogram);
        Assert.StartsWith("chrF2", report.ReferenceSignature);
    }

    [Fact]
    public void Edit_rates_match_sacrebleu_ter_on_real_segments()
    {
        var outputs = SegmentFile.Read(TestData.Wmt17("online-G.0.de")).Take(200).ToArray();
        var references = SegmentFile.Read(TestData.Wmt17("reference.de")).Take(200).ToArray();
        var sources = SegmentFile.Read(TestData.Newstest2017English).Take(200).ToArray();
        var report = ErrorAnalysis.Analyze(outputs, sources, references, German, new SacreBleuReferenceScorer());
        var ter = new Ter();
        for (int i = 0; i < 200; i += 37)
            Assert.Equal(ter.SentenceScore(outputs[i], [references[i]]).Score / 100, report.Segments[i].Reference!.EditRate, 12);
    }

    [Fact]
    public void Real_system_output_with_planted_errors()
    {
        var outputs = SegmentFile.Read(TestData.Wmt17("online-G.0.de")).ToArray();
        var sources = SegmentFile.Read(TestData.Newstest2017English);
        var references = SegmentFile.Read(TestData.Wmt17("reference.de"));
        Assert.Equal(3004, sources.Length);
        var clean = ErrorAnalysis.Analyze(outputs, sources, references, German, new SacreBleuReferenceScorer());
        // Measured: a real system's output has almost no reference-free flags (1 of 3004 at the
        // defaults: "I lost count." → "Ich habe aufgehört zu zählen.", a length outlier).
        Assert.InRange(clean.FlaggedReferenceFree, 0, 15);
        Assert.Equal(0, clean.Count(ErrorFlags.Empty));
        Assert.Equal(0, clean.Count(ErrorFlags.ForeignScript));
        // Sentence TER of a 2017 online system: most segments need edits on over half their words.
        Assert.InRange(clean.EditRates!.AboveThreshold, 0.6, 0.95);

        int[] planted = [9, 99, 999, 1999];
        outputs[planted[0]] = sources[planted[0]];
        outputs[planted[1]] = "";
        outputs[planted[2]] = string.Join(' ', Enumerable.Repeat("die Regierung hat", 6));
        outputs[planted[3]] = "Правительство объявило о новых мерах против инфляции.";
        var corrupted = ErrorAnalysis.Analyze(outputs, sources, references, German, new SacreBleuReferenceScorer());
        Assert.True(corrupted.Segments[planted[0]].Flags.HasFlag(ErrorFlags.CopiedSource));
        Assert.True(corrupted.Segments[planted[1]].Flags.HasFlag(ErrorFlags.Empty));
        Assert.True(corrupted.Segments[planted[2]].Flags.HasFlag(ErrorFlags.RepetitionLoop));
        Assert.True(corrupted.Segments[planted[3]].Flags.HasFlag(ErrorFlags.ForeignScript));
        // Nothing else changes: the length baseline comes from the references, not the outputs.
        static IEnumerable<int> Flagged(ErrorReport r) => r.Segments.Where(x => (x.Flags & ~ErrorFlags.HighEditRate) != 0).Select(x => x.Line - 1);
        Assert.Equal(Flagged(clean).Union(planted).Order(), Flagged(corrupted));
    }

    [Fact]
    public void Blank_reference_gives_no_scores_and_no_length_evidence()
    {
        string[] outputs = ["Das Wetter ist heute schön.", "Wir trafen uns morgens am Bahnhof.", "Der Ausschuss entscheidet nächste Woche."];
        string[] sources = ["The weather is nice today.", "We met at the station in the morning.", "The committee will decide next week."];
        string[] references = ["Das Wetter ist heute schön.", "", "Der Ausschuss entscheidet nächste Woche."];
        var report = ErrorAnalysis.Analyze(outputs, sources, references, German, new SacreBleuReferenceScorer());
        Assert.True(double.IsNaN(report.Segments[1].Reference!.EditRate));
        Assert.Equal(ErrorFlags.None, report.Segments[1].Flags);
        // The distribution covers the two scored segments, both identical to their references.
        Assert.Equal(0, report.EditRates!.Mean, 12);
        Assert.Equal(2, report.EditRates.Histogram.Sum());
        // Length baseline: the median (the mean, of two) of the non-blank human log ratios, characters
        // without spaces: "Das Wetter ist heute schön." 23 / "The weather is nice today." 22, and
        // "Der Ausschuss entscheidet nächste Woche." 36 / "The committee will decide next week." 31.
        double first = Math.Log((23 + 1.0) / (22 + 1.0)), third = Math.Log((36 + 1.0) / (31 + 1.0));
        Assert.Equal((first + third) / 2, report.LengthZ.Center, 12);
    }

    [Fact]
    public void Misaligned_inputs_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => ErrorAnalysis.Analyze(["a", "b"], ["a"], null, German));
        Assert.Throws<ArgumentException>(() => ErrorAnalysis.Analyze(["a"], ["a"], ["x", "y"], German, new SacreBleuReferenceScorer()));
    }

    [Fact]
    public void Jsonl_has_one_object_per_segment_with_flags_and_nulls_for_undefined()
    {
        var (sources, outputs) = Synthetic();
        var report = ErrorAnalysis.Analyze(outputs, sources, null, German);
        string path = Path.Combine(Path.GetTempPath(), $"regurg-errors-{Guid.NewGuid():N}.jsonl");
        try
        {
            ErrorJsonl.Write(path, report);
            var lines = File.ReadAllLines(path);
            Assert.Equal(13, lines.Length);
            using var copied = System.Text.Json.JsonDocument.Parse(lines[8]);
            Assert.Equal(9, copied.RootElement.GetProperty("line").GetInt32());
            Assert.Equal("copied_source", copied.RootElement.GetProperty("flags")[0].GetString());
            using var empty = System.Text.Json.JsonDocument.Parse(lines[10]);
            Assert.Equal("empty", empty.RootElement.GetProperty("flags")[0].GetString());
            Assert.Equal(System.Text.Json.JsonValueKind.Null, empty.RootElement.GetProperty("source_overlap").ValueKind);
            Assert.DoesNotContain(Directory.GetFiles(Path.GetTempPath(), $".{Path.GetFileName(path)}*"), _ => true);
        }
        finally { File.Delete(path); }
    }
}
