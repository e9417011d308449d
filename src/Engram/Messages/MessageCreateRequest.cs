using Engram.Errors;
using Engram.Validation;

namespace Engram.Messages;

/// The body of POST /messages/create: `content`, `role` and `sessionID` required;
/// `customerUserID` (defaults to the session's) and `id` optional.
public sealed record MessageCreateRequest(string Content, string Role, string SessionId, string? CustomerUserId, string? Id)
{
    public static readonly ApiError RoleError =
        ApiError.BadRequest($"role must be one of: {string.Join(", ", Roles.All)}");

    public static ApiError? TryParse(HttpContext context, out MessageCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Required("content", Limits.MaxContentLength, out var content)) is not null
            || (error = ReadRole(fields, out var role)) is not null
            || (error = ReadSessionId(fields, out var sessionId)) is not null
            || (error = fields.OptionalCustomerUserId(out var customerUserId)) is not null
            || (error = fields.OptionalId("id", out var id)) is not null)
        {
            return error;
        }
        request = new MessageCreateRequest(content, role, sessionId, customerUserId, id);
        return null;
    }

    private static ApiError? ReadRole(BodyFields fields, out string role) =>
        RequiredOf(fields, "role", Roles.IsKnown, RoleError, out role);

    private static ApiError? ReadSessionId(BodyFields fields, out string sessionId) =>
        RequiredOf(fields, "sessionID", FieldRules.IsValidId, ApiError.BadRequest(FieldRules.IdMessage("sessionID")), out sessionId);

    /// A required field from a closed set or with a fixed shape: "<name> is required" when absent
    /// or empty, else `error` when it is not a valid value.
    private static ApiError? RequiredOf(BodyFields fields, string name, Func<string, bool> isValid, ApiError error, out string value)
    {
        value = "";
        if (!fields.TryGet(name, out var element) || BodyFields.ReadText(element, out var text) == TextKind.Text && text.Length == 0)
        {
            return ApiError.BadRequest($"{name} is required");
        }
        var invalid = fields.Optional(name, isValid, error, out var valid);
        value = valid ?? "";
        return invalid;
    }
}
