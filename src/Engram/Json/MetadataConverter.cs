using System.Text.Json;
using System.Text.Json.Serialization;
using Engram.Sessions;
using Engram.Storage;

namespace Engram.Json;

/// Session metadata on the wire: `[{"key": …, "value": …}]`. Metadata read from storage is
/// already that text (SessionMetadata), and is written as it is.
public sealed class MetadataConverter : JsonConverter<IReadOnlyList<MetadataItem>>
{
    public override IReadOnlyList<MetadataItem> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize(ref reader, EngramJson.Default.MetadataItemArray) ?? [];

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<MetadataItem> value, JsonSerializerOptions options)
    {
        if (value is StoredMetadata stored)
        {
            writer.WriteRawValue(stored.Json, skipInputValidation: true);
            return;
        }
        writer.WriteStartArray();
        foreach (var item in value)
        {
            writer.WriteStartObject();
            writer.WriteString("key", item.Key);
            writer.WriteString("value", item.Value);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }
}
