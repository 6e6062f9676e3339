using Regurgitate.Generators;

namespace Regurgitate.Tests.Generators;

/// <summary>Apertium on real English/Spanish sentences. Needs Debian packages apertium and apertium-eng-spa.</summary>
public class ApertiumGeneratorTests(ITestOutputHelper output)
{
    /// <summary>Skips the test (fails it under CI) unless the eng-spa pair is installed both ways.</summary>
    static void RequireApertium()
    {
        var modes = ApertiumGenerator.AvailableModesOrEmpty();
        RequiredTool.Require(modes.Contains("eng-spa") && modes.Contains("spa-eng"),
            "Apertium eng-spa is not installed (apt-get install -y apertium apertium-eng-spa; ./run-tests installs it when run as root)");
    }

    /// <summary>Unigram F1 between output and reference words, lowercased: a coarse "is this Spanish for that" check.</summary>
    static double UnigramF1(IEnumerable<string> outputs, IEnumerable<string> references)
    {
        static string[] Words(string s) => s.ToLowerInvariant().Split([' ', '.', ',', '?', '!', '¿', '¡', '"'], StringSplitOptions.RemoveEmptyEntries);
        double matches = 0, outputWords = 0, referenceWords = 0;
        foreach (var (o, r) in outputs.Zip(references))
        {
            var bag = Words(r).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
            foreach (var w in Words(o))
                if (bag.TryGetValue(w, out int n) && n > 0) { matches++; bag[w] = n - 1; }
            outputWords += Words(o).Length;
            referenceWords += Words(r).Length;
        }
        double precision = matches / outputWords, recall = matches / referenceWords;
        return 2 * precision * recall / (precision + recall);
    }

    [Fact]
    public async Task Translates_tatoeba_english_into_spanish_one_output_per_sentence()
    {
        RequireApertium();
        var pairs = TestData.TatoebaEnglishSpanish(150);
        var generator = new ApertiumGenerator("eng-spa", batchSize: 40);

        var results = await generator.GenerateAsync(pairs.Select(p => p.English).ToList());

        Assert.Equal(pairs.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure));
        // -u drops the '*' marks Apertium puts on unknown words.
        Assert.DoesNotContain(results, r => r.Text!.Contains('*'));
        double f1 = UnigramF1(results.Select(r => r.Text!), pairs.Select(p => p.Spanish));
        output.WriteLine($"unigram F1 against Tatoeba references: {f1:0.000}");
        // Rule-based MT on short sentences shares far more words with the reference than unrelated Spanish (about 0.15).
        Assert.True(f1 > 0.35, $"unigram F1 {f1:0.000}");
        Assert.Contains("mode=eng-spa", generator.Provenance.Settings);
    }

    [Fact]
    public async Task Spanish_to_english_keeps_segment_boundaries_on_news_text()
    {
        RequireApertium();
        var spanish = TestData.GzipLines("opus-mt-testsets/testsets/eng-spa/newstest2013.spa.gz", 300);
        var english = TestData.GzipLines("opus-mt-testsets/testsets/eng-spa/newstest2013.eng.gz", 300);
        var generator = new ApertiumGenerator("spa-eng", batchSize: 120);

        var results = await generator.GenerateAsync(spanish);

        Assert.Equal(300, results.Count);
        Assert.All(results, r => Assert.True(r.Succeeded, r.Failure));
        // Boundaries held if every output lines up with its own reference: lengths correlate segment by segment.
        var ratios = results.Select((r, i) => r.Text!.Split(' ').Length / (double)english[i].Split(' ').Length).ToList();
        Assert.True(ratios.Count(x => x is > 0.5 and < 2.0) > 270, "outputs drift away from their references: boundaries were lost");
        Assert.True(UnigramF1(results.Select(r => r.Text!), english) > 0.35);
    }

    [Fact]
    public async Task Unknown_words_keep_their_marks_when_asked()
    {
        RequireApertium();
        var marked = await new ApertiumGenerator("eng-spa", markUnknown: true).GenerateAsync(["The zorblaxian cat sleeps."]);
        var plain = await new ApertiumGenerator("eng-spa").GenerateAsync(["The zorblaxian cat sleeps."]);
        Assert.Contains("*zorblaxian", marked[0].Text);
        Assert.DoesNotContain("*", plain[0].Text);
        Assert.Contains("zorblaxian", plain[0].Text);
    }

    [Fact]
    public async Task Empty_sources_translate_to_empty_text_without_shifting_others()
    {
        RequireApertium();
        var results = await new ApertiumGenerator("eng-spa").GenerateAsync(["The dog eats.", "", "   ", "Good morning, my friend."]);
        Assert.Equal(4, results.Count);
        Assert.Equal("", results[1].Text);
        Assert.Equal("", results[2].Text);
        Assert.Contains("perro", results[0].Text);
        Assert.Contains("amigo", results[3].Text);
    }

    [Fact]
    public void A_missing_install_is_explained_with_the_apt_command()
    {
        var error = Assert.Throws<InputException>(() => new ApertiumGenerator("eng-spa", executable: "apertium-not-installed-here").EnsureInstalled());
        Assert.Contains("apt-get install -y apertium apertium-eng-spa", error.Message);
    }

    [Fact]
    public void A_mode_that_is_not_installed_is_named()
    {
        RequireApertium();
        var mode = Assert.Throws<InputException>(() => new ApertiumGenerator("eng-xyz").EnsureInstalled());
        Assert.Contains("no mode 'eng-xyz'", mode.Message);
    }
}
