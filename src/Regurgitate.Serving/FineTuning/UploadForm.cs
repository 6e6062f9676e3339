using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Regurgitate.Serving;

/// <summary>
/// The multipart/form-data body of a file upload (`file`, `purpose`), read as it arrives: the file's bytes go
/// straight into a temporary file of ours under the state directory (ASP.NET Core's form reader would buffer
/// them in the system temp folder, where a killed server leaves them), and a malformed body is a client error.
/// </summary>
/// <param name="Filename">The name the file was uploaded under, without any folders.</param>
/// <param name="Purpose">The `purpose` field.</param>
/// <param name="TemporaryPath">The uploaded bytes; the caller moves the file away or deletes it.</param>
internal sealed record UploadForm(string Filename, string Purpose, string TemporaryPath)
{
    /// <summary>Longest filename taken (that of most file systems).</summary>
    public const int MaxFilenameLength = 255;

    /// <summary>An upload refused as malformed: the message says what to fix; <see cref="Param"/> names the field.</summary>
    public sealed class Refused(string message, string? param = null) : Exception(message)
    {
        public string? Param { get; } = param;
    }

    /// <summary>
    /// Reads the upload of <paramref name="request"/>, writing the file into <paramref name="temporaryFolder"/>.
    /// Throws <see cref="Refused"/> for a malformed body; a body over the server's limit throws Kestrel's 413 as it is read.
    /// </summary>
    public static async Task<UploadForm> ReadAsync(HttpRequest request, string temporaryFolder)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            throw new Refused("upload a file as multipart/form-data with the fields 'file' and 'purpose'");
        string boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value ?? "";
        // RFC 2046, 5.1.1: a boundary is 1 to 70 characters.
        if (boundary.Length is 0 or > 70)
            throw new Refused("the multipart/form-data Content-Type names no boundary (or one longer than 70 characters)");
        var cancellation = request.HttpContext.RequestAborted;
        string? filename = null, purpose = null, temporary = null;
        try
        {
            var reader = new MultipartReader(boundary, request.Body) { HeadersCountLimit = 16, HeadersLengthLimit = 16 * 1024 };
            for (var section = await reader.ReadNextSectionAsync(cancellation).ConfigureAwait(false); section != null;
                 section = await reader.ReadNextSectionAsync(cancellation).ConfigureAwait(false))
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    throw new Refused("a part of the multipart body has no 'Content-Disposition: form-data' header");
                string name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (name == "file")
                {
                    if (temporary != null) throw new Refused("the upload has more than one 'file' field", "file");
                    filename = NameOf(disposition);
                    temporary = Path.Combine(temporaryFolder, $"upload-{Guid.NewGuid():N}.part");
                    await using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await section.Body.CopyToAsync(stream, cancellation).ConfigureAwait(false);
                }
                else if (name == "purpose")
                {
                    purpose = await SmallField(section.Body, "purpose", cancellation).ConfigureAwait(false);
                }
                // Other fields are skipped: the reader drains a section it moves past.
            }
            if (purpose == null) throw new Refused("the upload has no 'purpose' field; this server takes 'fine-tune'", "purpose");
            if (temporary == null || new FileInfo(temporary).Length == 0) throw new Refused("the upload has no 'file' field, or it is empty", "file");
            var form = new UploadForm(filename!, purpose, temporary);
            temporary = null;
            return form;
        }
        catch (InvalidDataException e)
        {
            throw new Refused($"the multipart body is malformed: {e.Message.TrimEnd('.')}");
        }
        catch (IOException e) when (e is not BadHttpRequestException && !cancellation.IsCancellationRequested)
        {
            // The body ended (the client sent all it meant to) before the closing boundary.
            throw new Refused("the multipart body ends before its closing boundary: the upload is truncated");
        }
        finally
        {
            if (temporary != null) File.Delete(temporary);
        }
    }

    static string NameOf(ContentDispositionHeaderValue disposition)
    {
        string given = (disposition.FileNameStar.HasValue ? disposition.FileNameStar : HeaderUtilities.RemoveQuotes(disposition.FileName)).Value ?? "";
        if (given.Any(char.IsControl))
            throw new Refused("the file's name holds a control character (a line break, tab or NUL); rename the file", "file");
        // Clients may send a path; only its last part names the file.
        string name = Path.GetFileName(given.Replace('\\', '/'));
        if (name.Length == 0 || name is "." or "..")
            throw new Refused("the 'file' field has no file name", "file");
        if (name.Length > MaxFilenameLength)
            throw new Refused($"the file's name has {name.Length} characters; at most {MaxFilenameLength} are taken", "file");
        return name;
    }

    static async Task<string> SmallField(Stream body, string field, CancellationToken cancellation)
    {
        const int limit = 256;
        var buffer = new byte[limit + 1];
        int read = 0;
        for (int n; read < buffer.Length && (n = await body.ReadAsync(buffer.AsMemory(read), cancellation).ConfigureAwait(false)) > 0;) read += n;
        if (read > limit) throw new Refused($"the '{field}' field is longer than {limit} bytes", field);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }
}
