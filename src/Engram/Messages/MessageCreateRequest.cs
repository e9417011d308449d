using Engram.Errors;
using Engram.Validation;

namespace Engram.Messages;

/// The body of POST /messages/create: `content`, `role` and `sessionID` required;
/// `customerUserID` (defaults to the session's), `id` and, as an extension, `createdAt` optional.
public sealed record MessageCreateRequest(string Content, string Role, string SessionId, string? CustomerUserId, string? Id, DateTime? CreatedAt)
{
    public static readonly BodyRules Body = new();
    private static readonly RequiredField<string> ContentField = Body.Add(Field.Text("content", 1, Limits.MaxContentLength, "The message text").Required());
    private static readonly TextField RoleRule = Field.OneOf("role", Roles.All, "Who spoke");
    private static readonly RequiredField<string> RoleField = Body.Add(RoleRule.Required());
    private static readonly RequiredField<string> SessionIdField =
        Body.Add(Field.Id("sessionID", "The session to add the message to; it must exist and not be ended").Required());
    private static readonly TextField CustomerUserIdField = Body.Add(Field.CustomerUserId("Defaults to the session's customerUserID"));
    private static readonly TextField IdField = Body.Add(Field.Id("id", "Message id; generated (UUIDv7) when absent"));
    private static readonly CreatedAtField CreatedAtRule = Body.Add(new CreatedAtField("createdAt",
        "Engram extension: when the message was said, for importing past conversations (UTC, not in the future); default now. List order stays creation order"));

    /// Also the answer to a bad role filter on /messages/list.
    public static readonly ApiError RoleError = ApiError.BadRequest(RoleRule.Error);

    public static ApiError? TryParse(HttpContext context, out MessageCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(ContentField, out var content)) is not null
            || (error = fields.Read(RoleField, out var role)) is not null
            || (error = fields.Read(SessionIdField, out var sessionId)) is not null
            || (error = fields.Read(CustomerUserIdField, out var customerUserId)) is not null
            || (error = fields.Read(IdField, out var id)) is not null
            || (error = fields.Read(CreatedAtRule, out var createdAt)) is not null)
        {
            return error;
        }
        request = new MessageCreateRequest(content, role, sessionId, customerUserId, id, createdAt);
        return null;
    }
}
