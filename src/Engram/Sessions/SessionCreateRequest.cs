using System.Text.Json;
using Engram.Errors;
using Engram.Validation;

namespace Engram.Sessions;

/// The body of POST /sessions/create, validated: `id` (or its alias `sessionID`),
/// `customerUserID`, `metadata`, all optional.
public sealed record SessionCreateRequest(string? Id, string? CustomerUserId, MetadataItem[] Metadata)
{
    private static readonly ApiError MetadataShape = ApiError.BadRequest("metadata must be an array of {key, value} objects");
    private static readonly ApiError MetadataTooMany = ApiError.BadRequest($"metadata must have at most {Limits.MaxMetadataItems} items");
    private static readonly ApiError MetadataKey = ApiError.BadRequest($"metadata keys must be 1-{Limits.MaxMetadataKeyLength} characters");
    private static readonly ApiError MetadataDuplicate = ApiError.BadRequest("metadata keys must be unique");
    private static readonly ApiError MetadataValue = ApiError.BadRequest($"metadata values must be at most {Limits.MaxMetadataValueLength} characters");
    private static readonly ApiError MetadataText = ApiError.BadRequest(FieldRules.TextMessage("metadata keys and values"));

    public static ApiError? TryParse(HttpContext context, out SessionCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.OptionalId("id", out var id)) is not null
            || (error = fields.Optional("sessionID", FieldRules.IsValidId, ApiError.InvalidId, out var alias)) is not null
            || (error = fields.OptionalCustomerUserId(out var customerUserId)) is not null
            || (error = ReadMetadata(fields, out var metadata)) is not null)
        {
            return error;
        }
        if (id is not null && alias is not null && id != alias)
        {
            return ApiError.BadRequest("id and sessionID must be the same when both are given");
        }
        request = new SessionCreateRequest(id ?? alias, customerUserId, metadata);
        return null;
    }

    private static ApiError? ReadMetadata(BodyFields fields, out MetadataItem[] metadata)
    {
        metadata = [];
        if (!fields.TryGet("metadata", out var array))
        {
            return null;
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            return MetadataShape;
        }
        if (array.GetArrayLength() > Limits.MaxMetadataItems)
        {
            return MetadataTooMany;
        }
        var items = new MetadataItem[array.GetArrayLength()];
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("key", out var key) || !item.TryGetProperty("value", out var value))
            {
                return MetadataShape;
            }
            var keyKind = BodyFields.ReadText(key, out var keyText);
            var valueKind = BodyFields.ReadText(value, out var valueText);
            if (keyKind == TextKind.NotString || valueKind == TextKind.NotString)
            {
                return MetadataShape;
            }
            if (keyKind == TextKind.Unstorable || valueKind == TextKind.Unstorable)
            {
                return MetadataText;
            }
            if (keyText.Length == 0 || FieldRules.CharacterCount(keyText) > Limits.MaxMetadataKeyLength)
            {
                return MetadataKey;
            }
            if (!keys.Add(keyText))
            {
                return MetadataDuplicate;
            }
            if (FieldRules.CharacterCount(valueText) > Limits.MaxMetadataValueLength)
            {
                return MetadataValue;
            }
            items[i++] = new MetadataItem(keyText, valueText);
        }
        metadata = items;
        return null;
    }
}
