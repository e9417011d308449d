using System.Text.Json;
using Engram.Errors;

namespace Engram.Validation;

public enum TextKind { NotString, Unstorable, Text }

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

    /// The only way validation reads a JSON string. JSON can escape text that has no string
    /// form (an unpaired \ud800, on which GetString throws) or that no backend stores (NUL).
    public static TextKind ReadText(JsonElement element, out string value)
    {
        value = "";
        if (element.ValueKind != JsonValueKind.String)
        {
            return TextKind.NotString;
        }
        try
        {
            value = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return TextKind.Unstorable;
        }
        return FieldRules.IsStorableText(value) ? TextKind.Text : TextKind.Unstorable;
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
        if (!TryGet(name, out var element))
        {
            return ApiError.BadRequest($"{name} is required");
        }
        return ReadText(element, out value) switch
        {
            TextKind.Unstorable => ApiError.BadRequest(FieldRules.TextMessage(name)),
            TextKind.Text when value.Length == 0 => ApiError.BadRequest($"{name} is required"),
            TextKind.Text when FieldRules.CharacterCount(value) <= maxLength => null,
            _ => ApiError.BadRequest($"{name} must be a string of 1-{maxLength} characters"),
        };
    }

    /// An optional string that must pass `isValid`, else `error`.
    public ApiError? Optional(string name, Func<string, bool> isValid, ApiError error, out string? value)
    {
        value = null;
        if (!TryGet(name, out var element))
        {
            return null;
        }
        if (ReadText(element, out var text) != TextKind.Text || !isValid(text))
        {
            return error;
        }
        value = text;
        return null;
    }

    public ApiError? OptionalId(string name, out string? id) =>
        Optional(name, FieldRules.IsValidId, ApiError.BadRequest(FieldRules.IdMessage(name)), out id);

    public ApiError? OptionalCustomerUserId(out string? value) =>
        Optional("customerUserID", FieldRules.IsValidCustomerUserId, ApiError.BadRequest(FieldRules.CustomerUserIdMessage), out value);
}
