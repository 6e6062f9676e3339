using System.IO.Compression;
using System.Text;
using Regurgitate.Corpora;
using Regurgitate.Corpora.Formats;

namespace Regurgitate.Tests.Corpora;

public class FormatTests
{
    static readonly SentencePair[] Mixed =
    [
        new("Ein Hund läuft.", "A dog runs.", Provenance.Human, "1"),
        new("Zwei Männer „sprechen“.", "Two men \"talk\".", Provenance.Machine("nmt:weak", [new("beam", "5"), new("ckpt", "e3")]), "2", """{"score":-1.5,"tags":["x"]}"""),
        new("", "empty source", Provenance.Human, "3"),
        new("Emoji 🐕 und Backslash \\", "emoji 🐕 and backslash \\", new Provenance(Provenance.MachineOrigin, "gpt", null), "4"),
    ];

    [Fact]
    public void Jsonl_round_trips_provenance_ids_and_meta()
    {
        using var scratch = TestData.Scratch();
        var path = scratch.File("pairs.jsonl");
        Assert.Equal(4, JsonlFile.Write(path, Mixed));
        var read = JsonlFile.Read(path).ToList();
        Assert.Equal(Mixed, read);
        // Non-ASCII stays readable in the file.
        Assert.Contains("Männer", File.ReadAllText(path));
    }

    [Fact]
    public void Tsv_with_provenance_columns_round_trips_everything_but_ids_and_meta()
    {
        using var scratch = TestData.Scratch();
        var path = scratch.File("pairs.tsv");
        TsvFile.Write(path, Mixed, provenanceColumns: true);
        var read = TsvFile.Read(path).ToList();
        Assert.Equal(Mixed.Select(p => p with { Meta = null }), read);
        Assert.Equal("Zwei Männer „sprechen“.\tTwo men \"talk\".\tmachine\tnmt:weak\tbeam=5;ckpt=e3", File.ReadAllLines(path)[1]);
    }

    [Fact]
    public void Plain_tsv_and_moses_read_back_as_human_with_line_number_ids()
    {
        using var scratch = TestData.Scratch();
        TsvFile.Write(scratch.File("p.tsv"), Mixed);
        MosesFiles.Write(scratch.File("p.de"), scratch.File("p.en"), Mixed);
        var expected = Mixed.Select((p, i) => new SentencePair(p.Source, p.Target, Provenance.Human, (i + 1).ToString())).ToList();
        Assert.Equal(expected, TsvFile.Read(scratch.File("p.tsv")).ToList());
        Assert.Equal(expected, MosesFiles.Read(scratch.File("p.de"), scratch.File("p.en")).ToList());
        Assert.Equal(Mixed.Select(p => p.Source), File.ReadAllLines(scratch.File("p.de")));
    }

    [Fact]
    public void Default_provenance_marks_moses_files_as_machine_output()
    {
        using var scratch = TestData.Scratch();
        MosesFiles.Write(scratch.File("a.de"), scratch.File("a.en"), Mixed);
        var options = new CorpusReadOptions(Provenance: Provenance.Machine("uedin"));
        Assert.All(MosesFiles.Read(scratch.File("a.de"), scratch.File("a.en"), options), p => Assert.Equal("uedin", p.Provenance.Generator));
    }

    [Fact]
    public void Gzip_is_chosen_by_extension_for_reading_and_writing()
    {
        using var scratch = TestData.Scratch();
        var path = scratch.File("p.jsonl.gz");
        JsonlFile.Write(path, Mixed);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0x1f, bytes[0]);
        Assert.Equal(0x8b, bytes[1]);
        using (var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress))
        using (var reader = new StreamReader(gz))
            Assert.StartsWith("{\"id\":\"1\",\"source\":\"Ein Hund läuft.\"", reader.ReadLine());
        Assert.Equal(Mixed, JsonlFile.Read(path).ToList());

        MosesFiles.Write(scratch.File("p.de.gz"), scratch.File("p.en.gz"), Mixed);
        Assert.Equal(Mixed.Select(p => p.Target), MosesFiles.Read(scratch.File("p.de.gz"), scratch.File("p.en.gz")).Select(p => p.Target));
    }

    [Fact]
    public void Crlf_line_ends_and_a_byte_order_mark_are_not_part_of_the_text()
    {
        using var scratch = TestData.Scratch();
        File.WriteAllBytes(scratch.File("w.tsv"), [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("Hallo\tHello\r\nTschüss\tBye")]);
        var pairs = TsvFile.Read(scratch.File("w.tsv")).ToList();
        Assert.Equal(["Hallo", "Tschüss"], pairs.Select(p => p.Source));
        Assert.Equal(["Hello", "Bye"], pairs.Select(p => p.Target));
    }

    [Fact]
    public void Reading_is_lazy_the_first_pairs_of_a_large_file_read_only_a_small_part()
    {
        // 200,000 lines of ~40 bytes: about 8 MB; the reader must stop after one 64 KiB buffer or so.
        var content = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 200_000).Select(i => $"Satz Nummer {i}\tsentence number {i}\n")));
        var counting = new CountingStream(new MemoryStream(content));
        var first = TsvFile.Parse(TextLines.Read(() => counting, "big.tsv"), "big.tsv", Provenance.Human).Take(3).ToList();
        Assert.Equal("Satz Nummer 2", first[2].Source);
        Assert.True(counting.BytesRead < 200_000, $"read {counting.BytesRead:N0} of {content.Length:N0} bytes for three pairs");
        Assert.True(counting.Disposed, "stopping early must close the file");
    }

    [Fact]
    public void A_corpus_reopens_its_files_on_every_enumeration()
    {
        using var scratch = TestData.Scratch();
        TsvFile.Write(scratch.File("a.tsv"), Mixed);
        var corpus = TsvFile.Read(scratch.File("a.tsv"));
        Assert.Equal(corpus.ToList(), corpus.ToList());
        File.WriteAllText(scratch.File("a.tsv"), "x\ty\n");
        Assert.Single(corpus);
    }

    [Fact]
    public void Moses_pair_appears_together_or_not_at_all()
    {
        using var scratch = TestData.Scratch();
        IEnumerable<SentencePair> Failing()
        {
            yield return Mixed[0];
            throw new InputException("broken input", "in.tsv", 2);
        }
        Assert.Throws<InputException>(() => MosesFiles.Write(scratch.File("o.de"), scratch.File("o.en"), Failing()));
        Assert.Empty(scratch.Files());

        // Previous outputs survive a failed rewrite unchanged.
        MosesFiles.Write(scratch.File("o.de"), scratch.File("o.en"), Mixed);
        var before = File.ReadAllText(scratch.File("o.en"));
        Assert.Throws<InputException>(() => MosesFiles.Write(scratch.File("o.de"), scratch.File("o.en"), Failing()));
        Assert.Equal(["o.de", "o.en"], scratch.Files());
        Assert.Equal(before, File.ReadAllText(scratch.File("o.en")));
    }

    [Fact]
    public void Text_with_a_tab_cannot_be_written_as_tsv_and_nothing_is_left()
    {
        using var scratch = TestData.Scratch();
        var e = Assert.Throws<InputException>(() => TsvFile.Write(scratch.File("o.tsv"), [Mixed[0], new("a\tb", "c", Provenance.Human, "7")]));
        Assert.Contains("pair 7", e.Message);
        Assert.Contains("JSONL", e.Message);
        Assert.Empty(scratch.Files());
    }

    [Theory]
    [InlineData("{\"source\":\"a\",\"target\":1}", "\"target\" must be a string")]
    [InlineData("{\"source\":\"a\"}", "missing field \"target\"")]
    [InlineData("\"just a string\"", "expected a JSON object")]
    [InlineData("{\"source\":\"a\",\"target\":\"b\",\"extra\":1}", "unexpected field \"extra\"")]
    [InlineData("{\"source\":\"a\",\"target\":\"b\",\"provenance\":{\"origin\":\"robot\"}}", "origin must be")]
    [InlineData("{\"source\":\"a\",\"target\":\"b\",\"meta\":[1]}", "\"meta\" must be an object")]
    [InlineData("{\"source\":\"a\",", "not valid JSON")]
    public void Malformed_jsonl_names_the_problem_and_line(string badLine, string problem)
    {
        using var scratch = TestData.Scratch();
        File.WriteAllText(scratch.File("in.jsonl"), "{\"source\":\"ok\",\"target\":\"ok\"}\n" + badLine + "\n");
        var e = Assert.Throws<InputException>(() => JsonlFile.Read(scratch.File("in.jsonl")).ToList());
        Assert.Contains(problem, e.Message);
        Assert.Equal(2, e.Line);
        Assert.EndsWith("in.jsonl", e.File);
    }

    [Fact]
    public void Invalid_utf8_names_the_exact_line_even_deep_in_a_large_file()
    {
        using var scratch = TestData.Scratch();
        var lines = Enumerable.Range(0, 50_000).Select(i => Encoding.UTF8.GetBytes($"line {i}\n")).SelectMany(b => b).ToList();
        lines.AddRange(Encoding.UTF8.GetBytes("caf"));
        lines.Add(0xE9); // Latin-1 é
        lines.AddRange(Encoding.UTF8.GetBytes("\nafter\n"));
        File.WriteAllBytes(scratch.File("latin1.txt"), [.. lines]);
        var e = Assert.Throws<InputException>(() => TextLines.Read(scratch.File("latin1.txt")).Count());
        Assert.Equal(50_001, e.Line);
        Assert.Contains("invalid UTF-8 (byte 4", e.Message);
    }

    [Fact]
    public void An_endless_line_is_rejected_without_reading_it_all()
    {
        var counting = new CountingStream(new MemoryStream(new byte[50_000_000]));
        var e = Assert.Throws<InputException>(() => TextLines.Read(() => counting, "zeros.bin", maxLineLength: 1000).First());
        Assert.Equal(1, e.Line);
        Assert.True(counting.BytesRead < 1_000_000);
    }

    sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public bool Disposed { get; private set; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            inner.Dispose();
            base.Dispose(disposing);
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
