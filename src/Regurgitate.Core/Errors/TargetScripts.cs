namespace Regurgitate.Errors;

/// <summary>Which scripts a language is written in: letters of any other script count as foreign.</summary>
public static class TargetScripts
{
    static readonly WritingScript[] Latin = [WritingScript.Latin];

    // ISO 639-1 codes with their 639-2/3 equivalents; a region or script subtag ("pt-BR") is ignored.
    static readonly Dictionary<string, WritingScript[]> ByLanguage = Build();

    static Dictionary<string, WritingScript[]> Build()
    {
        var map = new Dictionary<string, WritingScript[]>(StringComparer.OrdinalIgnoreCase);
        void Add(WritingScript[] scripts, params string[] codes) { foreach (var code in codes) map[code] = scripts; }
        Add(Latin, "en", "eng", "de", "deu", "ger", "fr", "fra", "fre", "es", "spa", "it", "ita", "pt", "por", "nl", "nld", "dut",
            "cs", "ces", "cze", "pl", "pol", "ro", "ron", "rum", "sk", "slk", "slo", "sl", "slv", "hr", "hrv", "bs", "bos",
            "fi", "fin", "et", "est", "lv", "lav", "lt", "lit", "hu", "hun", "sv", "swe", "da", "dan", "no", "nor", "nb", "nob",
            "nn", "nno", "is", "isl", "ice", "tr", "tur", "id", "ind", "ms", "msa", "may", "vi", "vie", "ca", "cat", "eu", "eus",
            "baq", "gl", "glg", "ga", "gle", "cy", "cym", "wel", "mt", "mlt", "sq", "sqi", "alb", "af", "afr", "sw", "swa",
            "tl", "tgl", "ha", "hau", "yo", "yor", "so", "som", "az", "aze", "uz", "uzb", "tk", "tuk", "eo", "epo", "la", "lat",
            "lb", "ltz", "fy", "fry", "gd", "gla", "br", "bre", "oc", "oci", "ht", "hat", "zu", "zul", "xh", "xho", "ig", "ibo");
        Add([WritingScript.Cyrillic], "ru", "rus", "uk", "ukr", "be", "bel", "bg", "bul", "mk", "mkd", "mac", "kk", "kaz",
            "ky", "kir", "tg", "tgk", "mn", "mon", "tt", "tat", "ba", "bak");
        // Serbian is written in both alphabets.
        Add([WritingScript.Cyrillic, WritingScript.Latin], "sr", "srp");
        Add([WritingScript.Greek], "el", "ell", "gre");
        Add([WritingScript.Arabic], "ar", "ara", "fa", "fas", "per", "ur", "urd", "ps", "pus", "ug", "uig");
        Add([WritingScript.Hebrew], "he", "heb", "yi", "yid");
        Add([WritingScript.Devanagari], "hi", "hin", "mr", "mar", "ne", "nep", "sa", "san");
        Add([WritingScript.Bengali], "bn", "ben", "as", "asm");
        Add([WritingScript.Gurmukhi], "pa", "pan");
        Add([WritingScript.Gujarati], "gu", "guj");
        Add([WritingScript.Tamil], "ta", "tam");
        Add([WritingScript.Telugu], "te", "tel");
        Add([WritingScript.Kannada], "kn", "kan");
        Add([WritingScript.Malayalam], "ml", "mal");
        Add([WritingScript.Sinhala], "si", "sin");
        Add([WritingScript.Thai], "th", "tha");
        Add([WritingScript.Lao], "lo", "lao");
        Add([WritingScript.Tibetan], "bo", "bod", "tib");
        Add([WritingScript.Myanmar], "my", "mya", "bur");
        Add([WritingScript.Georgian], "ka", "kat", "geo");
        Add([WritingScript.Armenian], "hy", "hye", "arm");
        Add([WritingScript.Ethiopic], "am", "amh", "ti", "tir");
        Add([WritingScript.Khmer], "km", "khm");
        Add([WritingScript.Han, WritingScript.Bopomofo], "zh", "zho", "chi", "cmn", "yue");
        Add([WritingScript.Han, WritingScript.Hiragana, WritingScript.Katakana], "ja", "jpn");
        Add([WritingScript.Hangul, WritingScript.Han], "ko", "kor");
        return map;
    }

    /// <summary>The scripts of <paramref name="languageCode"/> (ISO 639-1 or 639-2/3, e.g. "de", "deu", "pt-BR"); null if we do not know it.</summary>
    public static IReadOnlySet<WritingScript>? For(string languageCode)
    {
        string language = languageCode.Trim().Split('-', '_')[0];
        return ByLanguage.TryGetValue(language, out var scripts) ? scripts.ToHashSet() : null;
    }

    /// <summary>Languages we know, for help text.</summary>
    public static IEnumerable<string> KnownLanguages => ByLanguage.Keys.Where(k => k.Length == 2).Order(StringComparer.Ordinal);
}
