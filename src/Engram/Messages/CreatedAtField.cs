using System.Globalization;
using System.Text.Json;
using Engram.Errors;
using Engram.Storage;
using Engram.Validation;
using Microsoft.OpenApi;

namespace Engram.Messages;

/// The extension `createdAt` of POST /messages/create: when an imported message was really said.
/// A UTC timestamp in the wire format (1-7 fractional digits are read, kept to the millisecond, as
/// every stored time is), never in the future: a message cannot be said after its own 201.
public sealed record CreatedAtField(string Name, string Description) : BodyField<DateTime?>(Name, Description)
{
    private static readonly string[] Formats =
        ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"];

    public string Error { get; } = $"{Name} must be a UTC timestamp such as 2024-01-01T00:00:00.000Z, not in the future";

    public override ApiError? Read(JsonElement? element, out DateTime? value)
    {
        value = null;
        if (element is not { } present)
        {
            return null;
        }
        if (BodyFields.ReadText(present, out var text) != TextKind.Text
            || !DateTime.TryParseExact(text, Formats, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
        {
            return ApiError.BadRequest(Error);
        }
        var stored = UnixMs.ToDateTime(UnixMs.From(at));
        if (stored > UnixMs.Now())
        {
            return ApiError.BadRequest(Error);
        }
        value = stored;
        return null;
    }

    public override OpenApiSchema Schema() => new() { Type = JsonSchemaType.String, Format = "date-time", Description = Description };
}
