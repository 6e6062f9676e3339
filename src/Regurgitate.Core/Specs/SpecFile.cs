using System.Text;

namespace Regurgitate.Specs;

/// <summary>
/// Reads the text of a spec file, refusing what is not one before reading it: a directory, a device or a pipe
/// (which would hang or never end), or a file larger than <see cref="MaxBytes"/>.
/// </summary>
public static class SpecFile
{
    /// <summary>The largest spec file read: 1 MiB, far above any real spec (the paper's design is about 3 KB).</summary>
    public const int MaxBytes = 1 << 20;

    /// <summary>The text of the spec file <paramref name="path"/>; <paramref name="what"/> names it in errors ("study spec").</summary>
    public static string ReadText(string path, string what)
    {
        if (Directory.Exists(path)) throw new InputException($"is a directory, not a {what} file", path);
        var info = new FileInfo(path);
        if (!info.Exists) throw new InputException($"{what} not found", path);
        // A device or a pipe reports no length; so does an empty file, which is no spec either. Neither is opened.
        if (info.Length == 0) throw new InputException($"is empty, or not a regular file (a device or a pipe); a {what} is a YAML file", path);
        if (info.Length > MaxBytes) throw new InputException($"is {info.Length:N0} bytes; a {what} may be at most {MaxBytes:N0} bytes (1 MiB)", path);
        // Read at most one byte more than allowed, in case the file grew since it was looked at.
        var buffer = new byte[MaxBytes + 1];
        int read = 0;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
            for (int n; read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0;) read += n;
        if (read > MaxBytes) throw new InputException($"is more than {MaxBytes:N0} bytes; a {what} may be at most 1 MiB", path);
        using var reader = new StreamReader(new MemoryStream(buffer, 0, read), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }
}
