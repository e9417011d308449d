using System.Text.Json;
using Engram.Errors;
using Engram.Validation;
using Microsoft.OpenApi;

namespace Engram.Sessions;

/// A session's `metadata`: an array of at most 64 {key, value} objects, keys 1-128 characters
/// and unique, values at most 2048. Absent is no metadata.
public sealed record MetadataField(string Name, string Description) : BodyField<MetadataItem[]>(Name, Description)
{
    private static readonly ApiError Shape = ApiError.BadRequest("metadata must be an array of {key, value} objects");
    private static readonly ApiError TooMany = ApiError.BadRequest($"metadata must have at most {Limits.MaxMetadataItems} items");
    private static readonly ApiError Key = ApiError.BadRequest($"metadata keys must be 1-{Limits.MaxMetadataKeyLength} characters");
    private static readonly ApiError Duplicate = ApiError.BadRequest("metadata keys must be unique");
    private static readonly ApiError Value = ApiError.BadRequest($"metadata values must be at most {Limits.MaxMetadataValueLength} characters");
    private static readonly ApiError Text = ApiError.BadRequest(FieldRules.TextMessage("metadata keys and values"));

    public override ApiError? Read(JsonElement? element, out MetadataItem[] value)
    {
        value = [];
        if (element is not { } array)
        {
            return null;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            return Shape;
        }
        if (array.GetArrayLength() > Limits.MaxMetadataItems)
        {
            return TooMany;
        }
        var items = new MetadataItem[array.GetArrayLength()];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("key", out var key) || !item.TryGetProperty("value", out var itemValue))
            {
                return Shape;
            }
            var keyKind = BodyFields.ReadText(key, out var keyText);
            var valueKind = BodyFields.ReadText(itemValue, out var valueText);
            if (keyKind == TextKind.NotString || valueKind == TextKind.NotString)
            {
                return Shape;
            }
            if (keyKind == TextKind.Unstorable || valueKind == TextKind.Unstorable)
            {
                return Text;
            }
            if (keyText.Length == 0 || FieldRules.CharacterCount(keyText) > Limits.MaxMetadataKeyLength)
            {
                return Key;
            }
            if (!keys.Add(keyText))
            {
                return Duplicate;
            }
            if (FieldRules.CharacterCount(valueText) > Limits.MaxMetadataValueLength)
            {
                return Value;
            }
            items[i++] = new MetadataItem(keyText, valueText);
        }
        value = items;
        return null;
    }

    public override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Array,
        Description = Description,
        MaxItems = Limits.MaxMetadataItems,
        Items = ItemSchema(),
    };

    private static OpenApiSchema ItemSchema()
    {
        var item = new BodyRules();
        item.Add(Field.Text("key", 1, Limits.MaxMetadataKeyLength, "Metadata key").Required());
        item.Add(Field.Text("value", 0, Limits.MaxMetadataValueLength, "Metadata value").Required());
        return item.Schema();
    }
}
