using System.Text.Json;
using Engram.Errors;
using Microsoft.OpenApi;

namespace Engram.Validation;

/// One field of a JSON request body, defined once: its name, JSON type and bounds, and error
/// text. The same object validates the field (Read), words its 400, and is its OpenAPI schema,
/// so the document always says what validation does. Declare fields with `Field` and register
/// them in the request's `BodyRules`.
public abstract record BodyField(string Name, string Description)
{
    public virtual bool IsRequired => false;

    public abstract OpenApiSchema Schema();
}

public abstract record BodyField<T>(string Name, string Description) : BodyField(Name, Description)
{
    /// The field's value, or the 400 that names it. `element` is null when the field is absent
    /// or JSON null (the same thing, by the contract); the value is then the field's default.
    public abstract ApiError? Read(JsonElement? element, out T value);

    /// Whether a present value counts as missing for a required field ("" for text).
    public virtual bool IsEmpty(JsonElement element) => false;
}

/// A field that must be there: absent, null or empty is "<name> is required"; anything else is
/// the inner field's rules.
public sealed record RequiredField<T>(BodyField<T?> Field) : BodyField<T>(Field.Name, Field.Description) where T : class
{
    public ApiError Missing { get; } = ApiError.BadRequest($"{Field.Name} is required");

    public override bool IsRequired => true;

    public override OpenApiSchema Schema() => Field.Schema();

    public override ApiError? Read(JsonElement? element, out T value)
    {
        value = null!;
        if (element is not { } present || Field.IsEmpty(present))
        {
            return Missing;
        }
        var error = Field.Read(present, out var read);
        value = read!;
        return error;
    }
}
