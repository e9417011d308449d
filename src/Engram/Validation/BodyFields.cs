using System.Text.Json;
using Engram.Errors;

namespace Engram.Validation;

public enum TextKind { NotString, Unstorable, Text }

/// A create request's fields, each read through its BodyField. Absent and JSON null are the same;
/// a field of the wrong type or out of bounds is a 400 that names it. Unknown fields are never looked at.
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

    /// The field's value, or the 400 that names it: the field's own rules (see BodyField).
    public ApiError? Read<T>(BodyField<T> field, out T value) =>
        field.Read(TryGet(field.Name, out var element) ? element : null, out value);
}
