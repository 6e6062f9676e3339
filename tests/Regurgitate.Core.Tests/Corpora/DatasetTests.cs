using Regurgitate.Corpora;
using Regurgitate.Corpora.Datasets;

namespace Regurgitate.Tests.Corpora;

public class DatasetTests
{
    static DataDirectory Data => TestData.DataDirectory;

    [Theory]
    [InlineData("multi30k:train:de-en", 29_000)]
    [InlineData("multi30k:train:en-cs", 29_000)]
    [InlineData("multi30k:val:fr-en", 1_014)]
    [InlineData("multi30k:test_2016_flickr:de-en", 1_000)]
    [InlineData("multi30k:test_2016_flickr:cs-en", 1_000)]
    [InlineData("multi30k:test_2017_flickr:de-en", 1_000)]
    [InlineData("multi30k:test_2017_mscoco:de-en", 461)]
    [InlineData("multi30k:test_2018_flickr:cs-de", 1_071)]
    [InlineData("wmt-news:news-test2008:de-en", 2_051)]
    [InlineData("wmt-news:newssyscomb2009:en-es", 502)]
    [InlineData("wmt-news:newstest2013:en-es", 3_000)]
    [InlineData("wmt-news:newstest2014:de-en", 3_003)]
    [InlineData("wmt-news:newstest2015:en-de", 2_169)]
    [InlineData("wmt-news:newstest2017:de-en", 3_004)]
    [InlineData("wmt-news:newstest2018:de-en", 2_998)]
    [InlineData("wmt-news:newstest2019:de-en", 2_000)]
    [InlineData("wmt-news:newstest2019:en-de", 1_997)]
    [InlineData("wmt-news:newstest2020:de-en", 785)]
    [InlineData("wmt-news:newstest2020:en-de", 1_418)]
    [InlineData("wmt-news:newstestB2020:en-de", 1_418)]
    [InlineData("flores200:devtest:de-es", 1_012)]
    [InlineData("flores200:devtest:en-de", 1_012)]
    [InlineData("ntrex:newstest2019:en-de", 1_997)]
    [InlineData("ntrex:newstest2019:en-es", 1_997)]
    [InlineData("wmt17-systems:reference:en-de", 3_004)]
    [InlineData("wmt17-systems:online-B.0:en-de", 3_004)]
    [InlineData("tatoeba:valid:de-en", 2_000)]
    [InlineData("tatoeba:test:en-es", 2_000)]
    public void Pair_counts_match_source_md(string spec, int pairs)
    {
        var corpus = DatasetCatalog.Open(spec, Data);
        Assert.Equal(pairs, corpus.Count());
        if (corpus.KnownCount != null) Assert.Equal(pairs, corpus.KnownCount);
        Assert.All(corpus.Take(50), p => Assert.True(p.Provenance.IsHuman || spec.StartsWith("wmt17-systems", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_split_and_direction_of_the_shared_datasets_opens_with_its_listed_size()
    {
        foreach (var dataset in DatasetCatalog.All.Where(d => d is not EuroparlV7))
            foreach (var split in dataset.Splits)
                foreach (var direction in split.LanguagePairs)
                {
                    var spec = new DatasetSpec(dataset.Name, split.Name, direction);
                    Assert.True(dataset.IsPresent(spec, Data), $"{spec} should be present");
                    if (split.Pairs is long expected && dataset is not Tatoeba)
                        Assert.Equal(expected, dataset.Open(spec, Data).LongCount());
                }
    }

    [Fact]
    public void Directions_read_the_same_lines_swapped()
    {
        var deEn = DatasetCatalog.Open("multi30k:val:de-en", Data).ToList();
        var enDe = DatasetCatalog.Open("multi30k:val:en-de", Data).ToList();
        Assert.Equal(deEn.Select(p => (p.Target, p.Source)), enDe.Select(p => (p.Source, p.Target)));
        Assert.Equal("Eine Gruppe von Männern lädt Baumwolle auf einen Lastwagen", deEn[0].Source);
        Assert.Equal("A group of men are loading cotton onto a truck", deEn[0].Target);
        Assert.Equal("1", deEn[0].Id);
    }

    [Fact]
    public void Wmt17_systems_carry_their_system_as_provenance_and_the_reference_is_human()
    {
        Assert.Equal(16, Wmt17Systems.Systems.Count);
        var source = DatasetCatalog.Open("wmt-news:newstest2017:en-de", Data).ToList();
        foreach (var system in Wmt17Systems.Systems)
        {
            var corpus = DatasetCatalog.Open($"wmt17-systems:{system}:en-de", Data).ToList();
            Assert.Equal(3_004, corpus.Count);
            Assert.All(corpus, p => Assert.Equal(new Provenance(Provenance.MachineOrigin, system, "wmt17=newstest2017;direction=en-de"), p.Provenance));
            Assert.Equal(source.Select(p => p.Source), corpus.Select(p => p.Source));
        }
        var reference = DatasetCatalog.Open("wmt17-systems:reference:en-de", Data).ToList();
        Assert.All(reference, p => Assert.Same(Provenance.Human, p.Provenance));
        // SOURCE.md: newstest2017.deu is byte-identical to reference.de.
        Assert.Equal(source.Select(p => p.Target), reference.Select(p => p.Target));
    }

    [Fact]
    public void Missing_corpus_says_which_files_to_put_where_and_the_url()
    {
        using var scratch = TestData.Scratch();
        var empty = new DataDirectory(scratch.Path);
        var e = Assert.Throws<InputException>(() => DatasetCatalog.Open("multi30k:train:de-en", empty));
        Assert.Contains(Path.Combine(scratch.Path, "multi30k", "train.de.gz"), e.Message);
        Assert.Contains(Path.Combine(scratch.Path, "multi30k", "train.en.gz"), e.Message);
        Assert.Contains("https://github.com/multi30k/dataset/raw/master/data/task1/raw/train.de.gz", e.Message);
        Assert.Contains("regurg corpus download multi30k:train:de-en", e.Message);

        var opus = Assert.Throws<InputException>(() => DatasetCatalog.Open("wmt-news:newstest2014:de-en", empty));
        // Upstream serves plain text, so that is where a download or a hand copy goes (".gz" is also accepted).
        Assert.Contains(Path.Combine(scratch.Path, "opus-mt-testsets", "testsets", "deu-eng", "newstest2014.deu"), opus.Message);
        Assert.Contains("raw.githubusercontent.com/Helsinki-NLP/OPUS-MT-testsets/ac0f19c0be3cb4e0d9450fcb2d7a9847c4bdd180/testsets/deu-eng/newstest2014.deu", opus.Message);

        var europarl = Assert.Throws<InputException>(() => DatasetCatalog.Open("europarl-v7:train:de-en", empty));
        Assert.Contains("europarl-v7.de-en.de of https://www.statmt.org/europarl/v7/de-en.tgz", europarl.Message);

        var systems = Assert.Throws<InputException>(() => DatasetCatalog.Open("wmt17-systems:uedin-nmt.4722:en-de", empty));
        Assert.Contains(Path.Combine(scratch.Path, "wmt17-newstest-en-de-systems", "uedin-nmt.4722.de"), systems.Message);
        Assert.Contains("sacrebleu", systems.Message);
        // The human reference equals OPUS-MT-testsets newstest2017.deu, so it is downloadable.
        var reference = Assert.Throws<InputException>(() => DatasetCatalog.Open("wmt17-systems:reference:en-de", empty));
        Assert.Contains("OPUS-MT-testsets/ac0f19c0be3cb4e0d9450fcb2d7a9847c4bdd180/testsets/deu-eng/newstest2017.deu", reference.Message);
        Assert.Contains("regurg corpus download wmt17-systems:reference:en-de", reference.Message);
    }

    [Theory]
    [InlineData("multi30k:train", "not name:split:src-tgt")]
    [InlineData("multi30k:train:deen", "not a language pair")]
    [InlineData("nosuch:train:de-en", "unknown dataset 'nosuch'")]
    [InlineData("multi30k:test:de-en", "has no split 'test'")]
    [InlineData("multi30k:test_2017_mscoco:cs-en", "has no direction cs-en")]
    [InlineData("wmt-news:newstest2014:en-es", "has no direction en-es")]
    [InlineData("wmt17-systems:nosystem.1:en-de", "has no split 'nosystem.1'")]
    public void Bad_specs_are_input_errors_that_say_what_exists(string spec, string problem)
    {
        var e = Assert.Throws<InputException>(() => DatasetCatalog.Open(spec, Data));
        Assert.Contains(problem, e.Message);
    }

    [Fact]
    public void Data_directory_option_beats_environment_beats_shared_default()
    {
        string? saved = Environment.GetEnvironmentVariable(DataDirectory.EnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(DataDirectory.EnvironmentVariable, "/tmp/from-env");
            Assert.Equal("/tmp/from-option", DataDirectory.Resolve("/tmp/from-option").Root);
            Assert.Equal("/tmp/from-env", DataDirectory.Resolve(null).Root);
            Environment.SetEnvironmentVariable(DataDirectory.EnvironmentVariable, null);
            // The test binary lives inside the repository, beside ../shared/corpora.
            Assert.EndsWith(Path.Combine("shared", "corpora"), DataDirectory.Resolve(null).Root);
        }
        finally
        {
            Environment.SetEnvironmentVariable(DataDirectory.EnvironmentVariable, saved);
        }
    }
}
