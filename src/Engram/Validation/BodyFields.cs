using System.Text.Json;
using Engram.Errors;

namespace Engram.Validation;

/// Typed reads of a create request's fields. Absent and JSON null are the same; a field of the
/// wrong type or out of bounds is a 400 that names it. Unknown fields are never looked at.
public readonly struct BodyFields
{
    private readonly JsonElement? _object;

    private BodyFields(JsonElement? jsonObject) => _object = jsonObject;

    /// The fields of a create body, or an error when the body is JSON but not an object.
    public static ApiError? TryRead(HttpContext context, out BodyFields fields)
    {
        var root = JsonBody.Of(context).Root;
        fields = new BodyFields(root);
        return root is { ValueKind: not JsonValueKind.Object } ? ApiError.BodyNotObject : null;
    }

    public bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return _object is { } o && o.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    /// A required string: "<name> is required" when absent or empty.
    public ApiError? Required(string name, int maxLength, out string value)
    {
        value = "";
        if (!TryGet(name, out var element) || element is { ValueKind: JsonValueKind.String } && element.GetString()!.Length == 0)
        {
            return ApiError.BadRequest($"{name} is required");
        }
        if (element.ValueKind != JsonValueKind.String || FieldRules.CharacterCount(value = element.GetString()!) > maxLength)
        {
            return ApiError.BadRequest($"{name} must be a string of 1-{maxLength} characters");
        }
        return null;
    }

    public ApiError? OptionalId(string name, out string? id)
    {
        id = null;
        if (!TryGet(name, out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String || !FieldRules.IsValidId(element.GetString()!))
        {
            return ApiError.BadRequest(FieldRules.IdMessage(name));
        }
        id = element.GetString();
        return null;
    }

    public ApiError? OptionalCustomerUserId(out string? value)
    {
        value = null;
        if (!TryGet("customerUserID", out var element))
        {
            return null;
        }
        if (element.ValueKind != JsonValueKind.String || !FieldRules.IsValidCustomerUserId(element.GetString()!))
        {
            return ApiError.BadRequest(FieldRules.CustomerUserIdMessage);
        }
        value = element.GetString();
        return null;
    }
}
