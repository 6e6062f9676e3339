using System.Text.Encodings.Web;
using System.Text.Json;
using Regurgitate.IO;

namespace Regurgitate.Errors;

/// <summary>
/// Writes an <see cref="ErrorReport"/> as JSON Lines, one object per segment with every signal and
/// its flags, so later steps can rank and filter pairs. Undefined values (NaN) are written as null.
/// </summary>
public static class ErrorJsonl
{
    /// <summary>Writes <paramref name="report"/> to <paramref name="path"/> atomically: readers never see half a file.</summary>
    public static void Write(string path, ErrorReport report) =>
        AtomicFile.Write(path, stream => Write(stream, report));

    /// <summary>Writes <paramref name="report"/> to <paramref name="stream"/>, one line per segment.</summary>
    public static void Write(Stream stream, ErrorReport report)
    {
        var options = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var newline = "\n"u8.ToArray();
        foreach (var segment in report.Segments)
        {
            using (var json = new Utf8JsonWriter(stream, options))
            {
                json.WriteStartObject();
                json.WriteNumber("line", segment.Line);
                json.WriteStartArray("flags");
                foreach (var name in ErrorFlagNames.NamesOf(segment.Flags)) json.WriteStringValue(name);
                json.WriteEndArray();
                json.WriteNumber("source_chars", segment.SourceLength);
                json.WriteNumber("output_chars", segment.HypothesisLength);
                if (segment.ReferenceLength is { } referenceLength) json.WriteNumber("reference_chars", referenceLength);
                Number(json, "source_overlap", segment.SourceOverlap);
                json.WriteNumber("loop_unit", segment.Loop.Unit);
                json.WriteNumber("loop_copies", segment.Loop.Copies);
                Number(json, "repeated_ngram_share", segment.RepeatedNgramShare);
                Number(json, "length_ratio", segment.LengthRatio);
                Number(json, "length_z", segment.LengthZ);
                json.WriteNumber("letters", segment.Letters);
                json.WriteNumber("foreign_letters", segment.ForeignLetters);
                Number(json, "foreign_letter_share", segment.ForeignLetterShare);
                json.WriteStartArray("foreign_scripts");
                foreach (var script in segment.ForeignScripts) json.WriteStringValue(script.ToString());
                json.WriteEndArray();
                if (segment.Reference is { } scores)
                {
                    Number(json, "chrf", scores.Chrf);
                    Number(json, "edit_rate", scores.EditRate);
                }
                json.WriteEndObject();
            }
            stream.Write(newline);
        }
    }

    static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, Math.Round(value, 6));
        else json.WriteNull(name);
    }
}
