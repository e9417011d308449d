using System.Text.Json;
using System.Text.Json.Nodes;
using Engram.Errors;
using Microsoft.OpenApi;

namespace Engram.Validation;

/// A string of Min-Max characters (code points) that every backend can store. `Check` narrows
/// it to a shape (an id, an email); `Values` to a closed set, answered in its own spelling.
/// `Error` is the 400's sentence; the default names the bounds.
public sealed record TextField(string Name, int Min, int Max, string Description) : BodyField<string?>(Name, Description)
{
    public Func<string, bool>? Check { get; init; }
    public IReadOnlyList<string>? Values { get; init; }
    public bool IgnoreCase { get; init; }
    public string? Pattern { get; init; }
    public string? Format { get; init; }

    public string Error { get; init; } = Min == 0
        ? $"{Name} must be a string of at most {Max} characters"
        : $"{Name} must be a string of {Min}-{Max} characters";

    public override ApiError? Read(JsonElement? element, out string? value)
    {
        value = null;
        if (element is not { } present)
        {
            return null;
        }
        var kind = BodyFields.ReadText(present, out var text);
        var shaped = Check is not null || Values is not null;
        if (kind == TextKind.Unstorable && !shaped)
        {
            return ApiError.BadRequest(FieldRules.TextMessage(Name)); // say why: the text itself is fine for a person
        }
        var count = FieldRules.CharacterCount(text);
        if (kind != TextKind.Text || count < Min || count > Max || Check?.Invoke(text) == false)
        {
            return ApiError.BadRequest(Error);
        }
        if (Values is not null)
        {
            var known = Values.FirstOrDefault(v => string.Equals(v, text, IgnoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal));
            if (known is null)
            {
                return ApiError.BadRequest(Error);
            }
            text = known;
        }
        value = text;
        return null;
    }

    public override bool IsEmpty(JsonElement element) => BodyFields.ReadText(element, out var text) == TextKind.Text && text.Length == 0;

    public override OpenApiSchema Schema() => Values is not null
        ? new() { Type = JsonSchemaType.String, Description = Description, Enum = [.. Values.Select(v => (JsonNode)JsonValue.Create(v))] }
        : new() { Type = JsonSchemaType.String, Description = Description, MinLength = Min, MaxLength = Max, Pattern = Pattern, Format = Format };
}
