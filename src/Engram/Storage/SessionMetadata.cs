using System.Text.Json;
using Engram.Json;
using Engram.Sessions;

namespace Engram.Storage;

/// Session metadata is stored as its JSON array text, exactly as the wire carries it.
public static class SessionMetadata
{
    public static string Serialize(IReadOnlyList<MetadataItem> metadata) =>
        metadata.Count == 0 ? "[]" : JsonSerializer.Serialize(metadata as MetadataItem[] ?? [.. metadata], EngramJson.Default.MetadataItemArray);

    public static IReadOnlyList<MetadataItem> Deserialize(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize(json, EngramJson.Default.MetadataItemArray) ?? [];
}
