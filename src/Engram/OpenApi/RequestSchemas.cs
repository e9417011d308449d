using System.Text.Json.Nodes;
using Engram.Messages;
using Engram.Validation;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// The create bodies as OpenAPI schemas, with the bounds taken from `Limits` and `FieldRules`,
/// so the document says what validation does.
internal static class RequestSchemas
{
    public static OpenApiSchema CreateSession() => Object(
        [],
        ("id", Id("Session id; generated (UUIDv7) when absent")),
        ("sessionID", Id("Alias of id")),
        ("customerUserID", CustomerUserId()),
        ("metadata", new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "Key-value pairs; keys unique within the session",
            MaxItems = Limits.MaxMetadataItems,
            Items = Object(["key", "value"],
                ("key", Text(1, Limits.MaxMetadataKeyLength, "Metadata key")),
                ("value", Text(0, Limits.MaxMetadataValueLength, "Metadata value"))),
        }));

    public static OpenApiSchema CreateMessage()
    {
        var role = Text(1, 16, "Who spoke");
        role.Enum = [.. Roles.All.Select(r => (JsonNode)JsonValue.Create(r))];
        return Object(["content", "role", "sessionID"],
            ("content", Text(1, Limits.MaxContentLength, "The message text")),
            ("role", role),
            ("sessionID", Id("The session to add the message to; it must exist and not be ended")),
            ("customerUserID", CustomerUserId("Defaults to the session's customerUserID")),
            ("id", Id("Message id; generated (UUIDv7) when absent")));
    }

    public static OpenApiSchema CreateUser()
    {
        var email = Text(3, 254, "Looks like a@b.c");
        email.Format = "email";
        var phone = Text(Limits.MinPhoneLength, Limits.MaxPhoneLength, "Digits, spaces and + - ( )");
        phone.Pattern = @"^[0-9 +\-()]+$";
        return Object(["firstName", "lastName"],
            ("firstName", Text(1, Limits.MaxNameLength, "First name")),
            ("lastName", Text(1, Limits.MaxNameLength, "Last name")),
            ("email", email),
            ("phone", phone),
            ("id", Id("End user id: the value customerUserID carries elsewhere; generated when absent")));
    }

    /// An id in a body or a path: 1-128 printable ASCII characters without space / ? # % \.
    public static OpenApiSchema Id(string description)
    {
        var schema = Text(1, Limits.MaxIdLength, description);
        schema.Pattern = FieldRules.IdPattern;
        return schema;
    }

    private static OpenApiSchema CustomerUserId(string description = "The end user (a user's id)") =>
        Text(1, Limits.MaxCustomerUserIdLength, description);

    private static OpenApiSchema Text(int min, int max, string description) => new()
    {
        Type = JsonSchemaType.String,
        MinLength = min,
        MaxLength = max,
        Description = description,
    };

    private static OpenApiSchema Object(HashSet<string> required, params (string Name, OpenApiSchema Schema)[] properties) => new()
    {
        Type = JsonSchemaType.Object,
        Required = required,
        Properties = properties.ToDictionary(p => p.Name, p => (IOpenApiSchema)p.Schema),
    };
}
