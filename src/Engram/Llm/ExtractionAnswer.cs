using System.Globalization;
using System.Text.Json;
using Engram.Graph;

namespace Engram.Llm;

/// Reads the model's extraction strictly: anything but the asked-for JSON shape (not JSON, a
/// field missing or of the wrong type, too much of it) is a <see cref="LanguageModelException"/>
/// naming what was wrong, and the caller falls back to the built-in extractor.
public static class ExtractionAnswer
{
    public const int MaxChars = 100_000;
    public const int MaxItems = 200;
    public const int MaxFactChars = 1_000;
    public const int MaxNameChars = 200;

    private static readonly string[] Kinds = ["person", "place", "organisation", "product", "date", "title", "other"];

    public static ExtractedGraph Parse(string text, DateTime? datedAt)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxChars)
        {
            throw Bad($"its answer is {text.Length} characters, over the {MaxChars} read");
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(Unfenced(text));
        }
        catch (JsonException)
        {
            throw Bad("its answer is not JSON");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Bad("its answer is not a JSON object");
            }
            var entities = new EntityNames();
            foreach (var entity in Items(root, "entities"))
            {
                entities.Add(Name(Text(entity, "name", MaxNameChars)), Kind(Text(entity, "kind", MaxNameChars)),
                    OptionalList(entity, "aliases").Select(Name));
            }
            var facts = new List<ExtractedFact>();
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var fact in Items(root, "facts"))
            {
                var content = Text(fact, "content", MaxFactChars).Trim();
                var date = Date(fact) ?? datedAt;
                // A fact connects the entities it names; a name the answer never listed connects nothing.
                var named = OptionalList(fact, "entities").Select(entities.Canonical).OfType<string>().Distinct().ToList();
                var relation = fact.TryGetProperty("relation", out var r) && r.ValueKind == JsonValueKind.String && r.GetString()!.Trim() is { Length: > 0 } verb
                    ? verb : null;
                if (seen.Add(content))
                {
                    facts.Add(new ExtractedFact(content, date, named, relation));
                }
            }
            return new ExtractedGraph(entities.All(), facts);
        }
    }

    /// Some models wrap JSON in a Markdown fence even in JSON mode.
    private static string Unfenced(string text)
    {
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal))
        {
            return trimmed;
        }
        var start = trimmed.IndexOf('\n', StringComparison.Ordinal);
        var end = trimmed.LastIndexOf("```", StringComparison.Ordinal);
        return start < 0 || end <= start ? trimmed : trimmed[(start + 1)..end];
    }

    private static IEnumerable<JsonElement> Items(JsonElement root, string field)
    {
        if (!root.TryGetProperty(field, out var list) || list.ValueKind != JsonValueKind.Array)
        {
            throw Bad($"\"{field}\" is missing or not a list");
        }
        if (list.GetArrayLength() > MaxItems)
        {
            throw Bad($"\"{field}\" holds {list.GetArrayLength()} items, over the {MaxItems} read");
        }
        foreach (var item in list.EnumerateArray())
        {
            yield return item.ValueKind == JsonValueKind.Object ? item : throw Bad($"an item of \"{field}\" is not an object");
        }
    }

    private static string Text(JsonElement item, string field, int maxChars) =>
        item.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is { Length: > 0 } text
            ? text.Length <= maxChars ? text : throw Bad($"a \"{field}\" is over {maxChars} characters")
            : throw Bad($"an item has no \"{field}\" text");

    /// Absent or null is an empty list; anything else must be a list of strings.
    private static List<string> OptionalList(JsonElement item, string field)
    {
        if (!item.TryGetProperty(field, out var list) || list.ValueKind == JsonValueKind.Null)
        {
            return [];
        }
        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() > MaxItems || list.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw Bad($"\"{field}\" is not a list of names");
        }
        return list.EnumerateArray().Select(e => e.GetString()!.Trim()).Where(name => name.Length is > 0 and <= MaxNameChars).ToList();
    }

    private static DateTime? Date(JsonElement fact)
    {
        if (!fact.TryGetProperty("date", out var value) || value.ValueKind == JsonValueKind.Null
            || (value.ValueKind == JsonValueKind.String && value.GetString()!.Trim() is "" or "null" or "unknown"))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && DateTime.TryParse(value.GetString(), CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }
        throw Bad("a fact's \"date\" is not a date");
    }

    private static string Name(string name) => string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// The ontology's kinds; the spellings models often use instead are read as them.
    private static string Kind(string kind) => kind.ToLowerInvariant() switch
    {
        "organization" or "company" or "org" => "organisation",
        "people" or "human" => "person",
        "location" or "city" or "country" => "place",
        "work" or "book" or "film" => "title",
        var known when Kinds.Contains(known) => known,
        _ => "other",
    };

    private static LanguageModelException Bad(string why) => new($"the language model's extraction was unusable: {why}");
}
