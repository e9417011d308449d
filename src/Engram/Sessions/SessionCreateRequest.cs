using Engram.Errors;
using Engram.Validation;

namespace Engram.Sessions;

/// The body of POST /sessions/create, validated: `id` (or its alias `sessionID`),
/// `customerUserID`, `metadata`, all optional.
public sealed record SessionCreateRequest(string? Id, string? CustomerUserId, MetadataItem[] Metadata)
{
    public static readonly BodyRules Body = new();
    private static readonly TextField IdField = Body.Add(Field.Id("id", "Session id; generated (UUIDv7) when absent"));
    // An alias: its error names `id`, the field it stands for.
    private static readonly TextField SessionIdField = Body.Add(Field.Id("sessionID", "Alias of id") with { Error = FieldRules.IdMessage("id") });
    private static readonly TextField CustomerUserIdField = Body.Add(Field.CustomerUserId());
    private static readonly MetadataField MetadataField = Body.Add(new MetadataField("metadata", "Key-value pairs; keys unique within the session"));

    public static ApiError? TryParse(HttpContext context, out SessionCreateRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(IdField, out var id)) is not null
            || (error = fields.Read(SessionIdField, out var alias)) is not null
            || (error = fields.Read(CustomerUserIdField, out var customerUserId)) is not null
            || (error = fields.Read(MetadataField, out var metadata)) is not null)
        {
            return error;
        }
        if (id is not null && alias is not null && id != alias)
        {
            return ApiError.BadRequest("id and sessionID must be the same when both are given");
        }
        request = new SessionCreateRequest(id ?? alias, customerUserId, metadata);
        return null;
    }
}
