using System.Security.Cryptography;
using System.Text;

namespace Regurgitate.Studies;

/// <summary>SHA-256 keys of artifacts: over labelled parts and text lines, so any change to an input changes the key.</summary>
public sealed class ContentHash
{
    readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Adds a labelled value.</summary>
    public ContentHash Add(string label, string? value)
    {
        Append(label);
        Append(value ?? "\u0000null");
        return this;
    }

    /// <summary>Adds a labelled list of lines (with its count, so boundaries are unambiguous).</summary>
    public ContentHash AddLines(string label, IEnumerable<string?> lines)
    {
        Append(label);
        long count = 0;
        foreach (var line in lines)
        {
            Append(line ?? "\u0000null");
            count++;
        }
        Append("#" + count);
        return this;
    }

    void Append(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }

    /// <summary>The hex digest (first 16 bytes: plenty for a cache key, short enough for paths).</summary>
    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset())[..32];

    /// <summary>A key of labelled parts.</summary>
    public static string Of(params string?[] parts)
    {
        var h = new ContentHash();
        for (int i = 0; i < parts.Length; i++) h.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[i]);
        return h.Finish();
    }

    /// <summary>A key of lines.</summary>
    public static string OfLines(IEnumerable<string?> lines) => new ContentHash().AddLines("lines", lines).Finish();
}
