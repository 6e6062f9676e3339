using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.IO;

namespace Regurgitate.Corpora.Formats;

/// <summary>
/// JSON Lines pairs, one object per line:
/// <c>{"id": "...", "source": "...", "target": "...", "provenance": {"origin": "machine", "generator": "...", "settings": "..."}, "meta": {...}}</c>.
/// <c>source</c> and <c>target</c> are required; <c>id</c> (string or number; default: the line number),
/// <c>provenance</c> (default: human) and <c>meta</c> (any object, kept unchanged) are optional.
/// Other fields are rejected rather than silently dropped: put them under <c>meta</c>.
/// </summary>
public static class JsonlFile
{
    static readonly JsonWriterOptions WriterOptions = new()
    {
        // Keep umlauts and accents readable in the file; only what JSON requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Indented = false,
    };

    /// <summary>Streams the pairs of <paramref name="path"/> (gzipped when it ends in <c>.gz</c>).</summary>
    public static Corpus Read(string path, CorpusReadOptions? options = null, string? name = null)
    {
        options ??= CorpusReadOptions.Default;
        TextLines.CheckReadable(path);
        return new Corpus(name ?? path, () => Parse(TextLines.Read(path, options.MaxLineLength), path, options.DefaultProvenance));
    }

    /// <summary>Parses JSONL lines into pairs; <paramref name="name"/> is the file named in errors. Blank lines are skipped.</summary>
    public static IEnumerable<SentencePair> Parse(IEnumerable<TextLine> lines, string name, Provenance defaultProvenance)
    {
        long n = 0;
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line.Text)) continue;
            n++;
            yield return ParseLine(line, name, defaultProvenance);
        }
        if (n == 0) throw new InputException("empty file: no JSON objects to read", name);
    }

    static SentencePair ParseLine(TextLine line, string name, Provenance defaultProvenance)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line.Text);
        }
        catch (JsonException e)
        {
            throw new InputException($"not valid JSON: {e.Message}", name, line.Number, "each line must be one JSON object");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw new InputException($"expected a JSON object with \"source\" and \"target\", found {Describe(root.ValueKind)}", name, line.Number);
            string? source = null, target = null, id = null, meta = null;
            var provenance = defaultProvenance;
            foreach (var property in root.EnumerateObject())
            {
                switch (property.Name)
                {
                    case "source": source = RequireString(property, name, line.Number); break;
                    case "target": target = RequireString(property, name, line.Number); break;
                    case "id":
                        id = property.Value.ValueKind switch
                        {
                            JsonValueKind.String => property.Value.GetString(),
                            JsonValueKind.Number => property.Value.GetRawText(),
                            JsonValueKind.Null => null,
                            var kind => throw new InputException($"\"id\" must be a string or number, found {Describe(kind)}", name, line.Number),
                        };
                        break;
                    case "provenance": provenance = ParseProvenance(property.Value, name, line.Number); break;
                    case "meta":
                        if (property.Value.ValueKind == JsonValueKind.Null) break;
                        if (property.Value.ValueKind != JsonValueKind.Object)
                            throw new InputException($"\"meta\" must be an object, found {Describe(property.Value.ValueKind)}", name, line.Number);
                        meta = Compact(property.Value);
                        break;
                    default:
                        throw new InputException($"unexpected field \"{property.Name}\"", name, line.Number,
                            "allowed: source, target, id, provenance, meta; put anything else inside \"meta\"");
                }
            }
            if (source == null) throw new InputException("missing field \"source\"", name, line.Number, "each object needs string fields \"source\" and \"target\"");
            if (target == null) throw new InputException("missing field \"target\"", name, line.Number, "each object needs string fields \"source\" and \"target\"");
            return new SentencePair(source, target, provenance, id ?? line.Number.ToString(CultureInfo.InvariantCulture), meta);
        }
    }

    static Provenance ParseProvenance(JsonElement value, string name, long line)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            // Shorthand: "provenance": "human".
            var s = value.GetString();
            if (s == Provenance.HumanOrigin) return Provenance.Human;
            throw new InputException($"\"provenance\" string must be \"human\"; a machine provenance is an object with origin, generator, settings", name, line);
        }
        if (value.ValueKind != JsonValueKind.Object)
            throw new InputException($"\"provenance\" must be an object {{origin, generator, settings}}, found {Describe(value.ValueKind)}", name, line);
        string? origin = null, generator = null, settings = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "origin": origin = RequireString(property, name, line); break;
                case "generator": generator = OptionalString(property, name, line); break;
                case "settings": settings = OptionalString(property, name, line); break;
                default:
                    throw new InputException($"unexpected provenance field \"{property.Name}\"", name, line, "allowed: origin, generator, settings");
            }
        }
        if (origin != Provenance.HumanOrigin && origin != Provenance.MachineOrigin)
            throw new InputException($"provenance origin must be \"{Provenance.HumanOrigin}\" or \"{Provenance.MachineOrigin}\", found {(origin == null ? "none" : $"\"{origin}\"")}", name, line);
        return origin == Provenance.HumanOrigin && generator == null && settings == null ? Provenance.Human : new Provenance(origin, generator, settings);
    }

    static string RequireString(JsonProperty property, string name, long line) =>
        property.Value.ValueKind == JsonValueKind.String
            ? property.Value.GetString()!
            : throw new InputException($"\"{property.Name}\" must be a string, found {Describe(property.Value.ValueKind)}", name, line);

    static string? OptionalString(JsonProperty property, string name, long line) =>
        property.Value.ValueKind == JsonValueKind.Null ? null : RequireString(property, name, line);

    static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => kind.ToString(),
    };

    static string Compact(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) element.WriteTo(writer);
        return TextLines.Utf8.GetString(buffer.ToArray());
    }

    /// <summary>Writes <paramref name="pairs"/> atomically as JSONL (gzipped when the name ends in <c>.gz</c>), keeping provenance, ids and meta. Returns the pairs written.</summary>
    public static long Write(string path, IEnumerable<SentencePair> pairs)
    {
        long n = 0;
        AtomicFile.Write(path, stream =>
        {
            var output = TextLines.WrapForWrite(stream, path);
            using var outputLayer = ReferenceEquals(output, stream) ? null : output; // a gzip layer is closed to finish it; the file stays open
            using var writer = new Utf8JsonWriter(output, WriterOptions);
            foreach (var pair in pairs)
            {
                n++;
                WritePair(writer, pair);
                writer.Flush();
                output.WriteByte((byte)'\n');
                writer.Reset();
            }
        });
        return n;
    }

    /// <summary>One pair as a single-line JSON object (no trailing newline).</summary>
    public static string Format(SentencePair pair)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) WritePair(writer, pair);
        return TextLines.Utf8.GetString(buffer.ToArray());
    }

    static void WritePair(Utf8JsonWriter writer, SentencePair pair)
    {
        writer.WriteStartObject();
        if (pair.Id != null) writer.WriteString("id", pair.Id);
        writer.WriteString("source", pair.Source);
        writer.WriteString("target", pair.Target);
        writer.WriteStartObject("provenance");
        writer.WriteString("origin", pair.Provenance.Origin);
        if (pair.Provenance.Generator != null) writer.WriteString("generator", pair.Provenance.Generator);
        if (pair.Provenance.Settings != null) writer.WriteString("settings", pair.Provenance.Settings);
        writer.WriteEndObject();
        if (pair.Meta != null)
        {
            writer.WritePropertyName("meta");
            writer.WriteRawValue(pair.Meta, skipInputValidation: false);
        }
        writer.WriteEndObject();
    }
}
