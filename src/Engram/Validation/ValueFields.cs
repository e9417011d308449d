using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Engram.Errors;
using Microsoft.OpenApi;

namespace Engram.Validation;

/// A JSON integer from Min to Max; Default when absent. 250.0 and "250" are not integers.
public sealed record IntegerField(string Name, int Min, int Max, int Default, string Description) : BodyField<int>(Name, Description)
{
    public string Error { get; init; } = $"{Name} must be an integer between {Min} and {Max}";

    public override ApiError? Read(JsonElement? element, out int value)
    {
        value = Default;
        if (element is not { } present)
        {
            return null;
        }
        if (present.ValueKind != JsonValueKind.Number || !present.TryGetInt32(out var number) || number < Min || number > Max)
        {
            return ApiError.BadRequest(Error);
        }
        value = number;
        return null;
    }

    public override OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Integer,
        Description = Description,
        Minimum = Min.ToString(CultureInfo.InvariantCulture),
        Maximum = Max.ToString(CultureInfo.InvariantCulture),
        Default = JsonValue.Create(Default),
    };
}

/// A JSON true or false; Default when absent.
public sealed record BooleanField(string Name, bool Default, string Description) : BodyField<bool>(Name, Description)
{
    public string Error { get; init; } = $"{Name} must be true or false";

    public override ApiError? Read(JsonElement? element, out bool value)
    {
        value = Default;
        if (element is not { } present)
        {
            return null;
        }
        if (present.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return ApiError.BadRequest(Error);
        }
        value = present.GetBoolean();
        return null;
    }

    public override OpenApiSchema Schema() =>
        new() { Type = JsonSchemaType.Boolean, Description = Description, Default = JsonValue.Create(Default) };
}
