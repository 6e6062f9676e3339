using System.IO.Compression;
using System.Text;

namespace Regurgitate.Corpora.Formats;

/// <summary>One line of a text file: its 1-based number and its text without the line break.</summary>
public readonly record struct TextLine(long Number, string Text);

/// <summary>
/// Reads and writes the line-oriented UTF-8 files every corpus format is built on: gzip when the
/// name ends in <c>.gz</c>, strict UTF-8 (invalid bytes are an error naming the line, never a
/// silent U+FFFD), LF or CRLF, an optional byte-order mark, and a cap on line length so a binary
/// file or a missing newline cannot exhaust memory. The one line reader of the toolkit: corpora,
/// metric inputs (<see cref="Metrics.SegmentFile"/> is a thin sacreBLEU layer over it), generator
/// files and tokenizer inputs all read through it.
/// </summary>
public static class TextLines
{
    /// <summary>Lines longer than this (in UTF-16 characters) are rejected unless the caller allows more.</summary>
    public const int DefaultMaxLineLength = 10_000;

    /// <summary>No cap on line length, for readers that must accept whatever another tool accepts (sacreBLEU has none).</summary>
    public const int Unlimited = int.MaxValue;

    static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>UTF-8 without a byte-order mark, for writing.</summary>
    public static UTF8Encoding Utf8 { get; } = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>True when <paramref name="path"/> names a gzip file (by its extension).</summary>
    public static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens <paramref name="path"/> for reading, decompressing gzip; a missing file is an <see cref="InputException"/>.</summary>
    public static Stream OpenRead(string path)
    {
        CheckReadable(path);
        Stream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new InputException("permission denied", path, inner: e);
        }
        return IsGzip(path) ? new GZipStream(stream, CompressionMode.Decompress) : stream;
    }

    /// <summary>
    /// Throws an <see cref="InputException"/> saying what <paramref name="path"/> is when it is not a file that
    /// exists: "is a directory", or "<paramref name="what"/> not found".
    /// </summary>
    public static void CheckReadable(string path, string what = "file")
    {
        if (Directory.Exists(path))
            throw new InputException($"is a directory, not a {what}", path);
        if (!File.Exists(path))
            throw new InputException($"{what} not found", path, hint: $"looked in {Path.GetFullPath(path)}");
    }

    /// <summary>
    /// Wraps <paramref name="stream"/> in a gzip compressor (leaving <paramref name="stream"/> open) when
    /// <paramref name="path"/> ends in <c>.gz</c>, else returns it unchanged. Dispose the result only when it is
    /// a new layer: the caller (e.g. <see cref="IO.AtomicFile"/>) still has to flush and close the file.
    /// </summary>
    public static Stream WrapForWrite(Stream stream, string path) =>
        IsGzip(path) ? new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: true) : stream;

    /// <summary>
    /// Streams the lines of <paramref name="path"/> lazily; the file is opened when enumeration starts.
    /// <paramref name="keepByteOrderMark"/> keeps a leading U+FEFF as text, as Python's utf-8 codec does.
    /// </summary>
    public static IEnumerable<TextLine> Read(string path, int maxLineLength = DefaultMaxLineLength, bool keepByteOrderMark = false)
    {
        if (maxLineLength <= 0) throw new InputException($"the longest line allowed must be positive, got {maxLineLength}");
        return ReadIterator(() => OpenRead(path), path, maxLineLength, keepByteOrderMark);
    }

    /// <summary>Streams the lines of an already opened stream; <paramref name="name"/> is used in error messages.</summary>
    public static IEnumerable<TextLine> Read(Func<Stream> open, string name, int maxLineLength = DefaultMaxLineLength) =>
        ReadIterator(open, name, maxLineLength, keepByteOrderMark: false);

    /// <summary>The text of every line of <paramref name="path"/>, read at once: for inputs that are needed whole.</summary>
    public static List<string> ReadAll(string path, int maxLineLength = DefaultMaxLineLength) =>
        Read(path, maxLineLength).Select(line => line.Text).ToList();

    static IEnumerable<TextLine> ReadIterator(Func<Stream> open, string name, int maxLineLength, bool keepByteOrderMark)
    {
        // A UTF-16 unit takes at most 3 UTF-8 bytes (a surrogate pair: 4 bytes for 2 units), so a line
        // of more bytes than this is too long whatever it holds; checking bytes first bounds memory.
        long maxBytes = 3L * maxLineLength + 2;
        using var stream = open();
        var buffer = new byte[1 << 16];
        int start = 0, count = 0;
        bool end = false;
        long number = 0;
        int scanned = 0; // bytes of the current partial line already known to hold no '\n'
        while (true)
        {
            int newline = count > scanned ? buffer.AsSpan(start + scanned, count - scanned).IndexOf((byte)'\n') : -1;
            if (newline >= 0)
            {
                newline += scanned;
                number++;
                yield return new TextLine(number, Decode(buffer.AsSpan(start, newline), name, number, maxLineLength, keepByteOrderMark));
                start += newline + 1;
                count -= newline + 1;
                scanned = 0;
                continue;
            }
            scanned = count;
            if (count > maxBytes)
                throw TooLong(name, number + 1, maxLineLength);
            if (end)
            {
                if (count > 0)
                {
                    number++;
                    yield return new TextLine(number, Decode(buffer.AsSpan(start, count), name, number, maxLineLength, keepByteOrderMark));
                }
                yield break;
            }
            if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, count);
                start = 0;
            }
            if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read = Fill(stream, buffer, count, name, number + 1);
            if (read == 0) end = true; else count += read;
        }
    }

    static int Fill(Stream stream, byte[] buffer, int offset, string name, long line)
    {
        try
        {
            return stream.Read(buffer, offset, buffer.Length - offset);
        }
        catch (InvalidDataException e)
        {
            throw new InputException($"cannot decompress: {e.Message}", name, line, "is the file really gzip? Names ending in .gz are read as gzip");
        }
    }

    static string Decode(ReadOnlySpan<byte> bytes, string name, long number, int maxLineLength, bool keepByteOrderMark)
    {
        if (number == 1 && !keepByteOrderMark && bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            _ = e;
            int offset = FirstInvalidByte(bytes);
            throw new InputException($"invalid UTF-8 (byte {offset + 1} of the line): the file is not valid UTF-8", name, number,
                "convert the file to UTF-8, e.g. `iconv -f latin1 -t utf-8`");
        }
        if (text.Length > maxLineLength) throw TooLong(name, number, maxLineLength);
        return text;
    }

    static int FirstInvalidByte(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int read, out _, replaceInvalidSequences: false) == System.Buffers.OperationStatus.Done ? -1 : read;

    static InputException TooLong(string name, long number, int maxLineLength) =>
        new($"line is longer than {maxLineLength:N0} characters", name, number,
            "raise --max-line-length if such lines are intended; a binary file or missing line breaks also cause this");
}
