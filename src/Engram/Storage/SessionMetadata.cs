using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using Engram.Json;
using Engram.Sessions;

namespace Engram.Storage;

/// Session metadata is stored as its JSON array text, exactly as the wire carries it, so a
/// listed session can write it out as it is instead of parsing it into items and back.
public static class SessionMetadata
{
    // The escaping the HTTP answers use (ASP.NET Core's JSON default), so stored text and wire text agree.
    private static readonly JsonSerializerOptions StoredForm = new(EngramJson.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(IReadOnlyList<MetadataItem> metadata) =>
        metadata.Count == 0 ? "[]" : JsonSerializer.Serialize(metadata as MetadataItem[] ?? [.. metadata], StoredForm);

    /// Stored text without a single escape is byte for byte what the serializer would write (and
    /// every item's text is printable as it is), so it goes out unparsed; anything else (older
    /// rows stored with \u escapes, values with quotes or control characters) is parsed as before.
    public static IReadOnlyList<MetadataItem> Read(string json) =>
        json == "[]" ? []
        : json.Contains('\\', StringComparison.Ordinal) ? JsonSerializer.Deserialize(json, EngramJson.Default.MetadataItemArray) ?? []
        : new StoredMetadata(json);
}

/// Metadata as stored: written to the wire as its text (MetadataConverter), parsed only if
/// something enumerates the items.
public sealed class StoredMetadata(string json) : IReadOnlyList<MetadataItem>
{
    private MetadataItem[]? _items;

    public string Json => json;

    private MetadataItem[] Items => _items ??= JsonSerializer.Deserialize(json, EngramJson.Default.MetadataItemArray) ?? [];

    public MetadataItem this[int index] => Items[index];

    public int Count => Items.Length;

    public IEnumerator<MetadataItem> GetEnumerator() => ((IEnumerable<MetadataItem>)Items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
