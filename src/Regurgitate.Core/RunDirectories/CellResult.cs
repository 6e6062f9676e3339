using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Regurgitate.RunDirectories;

/// <summary>One row of results.jsonl: a cell's outcome (see docs/run-directory.md).</summary>
public sealed record CellResult
{
    public required string Cell { get; init; }
    public required string Condition { get; init; }
    public required string ConditionType { get; init; }
    public required IReadOnlyList<string> Generators { get; init; }
    public required int Size { get; init; }
    public required long Seed { get; init; }
    /// <summary><see cref="CellStatus.Done"/> or <see cref="CellStatus.Failed"/>.</summary>
    public required string Status { get; init; }
    public string? Error { get; init; }
    public double? Bleu { get; init; }
    public double? Chrf { get; init; }
    public string? BleuSignature { get; init; }
    public string? ChrfSignature { get; init; }
    /// <summary>cells/&lt;id&gt;/test.hyp, relative to the run directory.</summary>
    public string? Hypotheses { get; init; }
    /// <summary>
    /// The student's negative log-likelihood of the test set's human references by forced decoding: Σ NLL / Σ tokens over
    /// the test set, in nats per target subword token (EOS included). Null for an API student, a failed cell, or an older run.
    /// </summary>
    public double? TestNll { get; init; }
    /// <summary>The target tokens <see cref="TestNll"/> averages over.</summary>
    public long? TestNllTokens { get; init; }
    /// <summary>cells/&lt;id&gt;/test.nll (one <c>NLL\tTOKENS</c> line per test sentence), relative to the run directory.</summary>
    public string? SentenceNll { get; init; }
    public long? Updates { get; init; }
    public int? Epochs { get; init; }
    public double? TrainSeconds { get; init; }
    public double? DecodeSeconds { get; init; }
    public double? Seconds { get; init; }

    /// <summary>Whether the cell finished with scores.</summary>
    public bool Done => Status == CellStatus.Done && Bleu is not null;

    /// <summary>The fields that are wall times (and so differ between otherwise identical runs).</summary>
    public static IReadOnlyList<string> TimeFields { get; } = ["train_seconds", "decode_seconds", "seconds"];

    /// <summary>The row as a JSON object, fields in the documented order.</summary>
    public JsonObject ToJson() => new()
    {
        ["cell"] = Cell,
        ["condition"] = Condition,
        ["condition_type"] = ConditionType,
        ["generators"] = new JsonArray(Generators.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray()),
        ["size"] = Size,
        ["seed"] = Seed,
        ["status"] = Status,
        ["error"] = Error,
        ["bleu"] = Bleu,
        ["chrf"] = Chrf,
        ["bleu_signature"] = BleuSignature,
        ["chrf_signature"] = ChrfSignature,
        ["hypotheses"] = Hypotheses,
        ["test_nll"] = TestNll,
        ["test_nll_tokens"] = TestNllTokens,
        ["sentence_nll"] = SentenceNll,
        ["updates"] = Updates,
        ["epochs"] = Epochs,
        ["train_seconds"] = Round(TrainSeconds),
        ["decode_seconds"] = Round(DecodeSeconds),
        ["seconds"] = Round(Seconds),
    };

    static double? Round(double? seconds) => seconds is double s ? Math.Round(s, 2) : null;

    /// <summary>Reads a row back; fields an older version did not write read as null and are listed in <paramref name="fields"/>.</summary>
    public static CellResult FromJson(RecordFields fields) => new()
    {
        Cell = fields.RequiredString("cell"),
        Condition = fields.RequiredString("condition"),
        ConditionType = fields.String("condition_type") ?? "",
        Generators = fields.Strings("generators"),
        Size = checked((int)fields.RequiredInteger("size")),
        Seed = fields.RequiredInteger("seed"),
        Status = fields.RequiredString("status"),
        Error = fields.String("error"),
        Bleu = fields.Number("bleu"),
        Chrf = fields.Number("chrf"),
        BleuSignature = fields.String("bleu_signature"),
        ChrfSignature = fields.String("chrf_signature"),
        Hypotheses = fields.String("hypotheses"),
        TestNll = fields.Number("test_nll"),
        TestNllTokens = fields.Integer("test_nll_tokens"),
        SentenceNll = fields.String("sentence_nll"),
        Updates = fields.Integer("updates"),
        Epochs = fields.Integer("epochs") is long e ? checked((int)e) : null,
        TrainSeconds = fields.Number("train_seconds"),
        DecodeSeconds = fields.Number("decode_seconds"),
        Seconds = fields.Number("seconds"),
    };

    /// <summary>Reads a row back.</summary>
    public static CellResult FromJson(JsonObject row) => FromJson(new RecordFields(row));

    /// <summary>One compact JSON line.</summary>
    public string ToJsonLine() => ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    /// <summary>The CSV header of <see cref="ToCsvLine"/>.</summary>
    public static string CsvHeader =>
        "cell,condition,condition_type,generators,size,seed,status,error,bleu,chrf,bleu_signature,chrf_signature,hypotheses,test_nll,test_nll_tokens,sentence_nll,updates,epochs,train_seconds,decode_seconds,seconds";

    /// <summary>The same fields, flat (generators joined by '+'), RFC 4180 quoting.</summary>
    public string ToCsvLine()
    {
        var json = ToJson();
        var fields = json.Select(kv => kv.Key == "generators"
            ? string.Join("+", Generators)
            : kv.Value switch
            {
                null => "",
                JsonValue v when v.TryGetValue(out double d) => d.ToString("R", CultureInfo.InvariantCulture),
                JsonValue v => v.ToString(),
                _ => kv.Value.ToJsonString(),
            });
        return string.Join(",", fields.Select(Quote));
    }

    static string Quote(string field)
    {
        if (field.IndexOfAny([',', '"', '\n', '\r']) < 0) return field;
        var text = new StringBuilder("\"");
        text.Append(field.Replace("\"", "\"\"")).Append('"');
        return text.ToString();
    }
}
