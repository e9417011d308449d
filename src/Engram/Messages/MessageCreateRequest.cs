using System.Text.Json;
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

    private static ApiError? ReadRole(BodyFields fields, out string role)
    {
        role = "";
        if (!fields.TryGet("role", out var element) || element is { ValueKind: JsonValueKind.String } && element.GetString()!.Length == 0)
        {
            return ApiError.BadRequest("role is required");
        }
        if (element.ValueKind != JsonValueKind.String || !Roles.IsKnown(role = element.GetString()!))
        {
            return RoleError;
        }
        return null;
    }

    private static ApiError? ReadSessionId(BodyFields fields, out string sessionId)
    {
        sessionId = "";
        if (!fields.TryGet("sessionID", out var element) || element is { ValueKind: JsonValueKind.String } && element.GetString()!.Length == 0)
        {
            return ApiError.BadRequest("sessionID is required");
        }
        if (element.ValueKind != JsonValueKind.String || !FieldRules.IsValidId(sessionId = element.GetString()!))
        {
            return ApiError.BadRequest(FieldRules.IdMessage("sessionID"));
        }
        return null;
    }
}
