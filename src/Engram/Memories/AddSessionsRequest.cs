using Engram.Errors;
using Engram.Validation;

namespace Engram.Memories;

/// POST /memories/add-sessions: `memoryID` and exactly one of `sessions` (1-100 session ids) or
/// `customerUserID` (that customer's sessions, now and later). Each bad field is a 400 naming it;
/// neither or both is a 400 naming both.
public sealed record AddSessionsRequest(string MemoryId, IReadOnlyList<string> Sessions, string? CustomerUserId)
{
    public const int MaxSessions = 100;
    public static readonly ApiError OneOfRequired = ApiError.BadRequest("sessions or customerUserID is required");
    public static readonly ApiError NotBoth = ApiError.BadRequest("Provide sessions or customerUserID, not both");

    public static readonly BodyRules Body = new();
    private static readonly RequiredField<string> MemoryIdField = Body.Add(MemoryIdBody.Field());
    private static readonly IdListField SessionsField = Body.Add(new IdListField("sessions", MaxSessions,
        "The sessions' ids; every message of them becomes a sample, and every later one too")
    {
        Error = ApiError.BadRequest($"sessions must be an array of 1-{MaxSessions} session ids"),
    });
    private static readonly TextField CustomerField = Body.Add(Field.CustomerUserId(
        "Instead of sessions: every session of this customer, now and later"));

    public static ApiError? TryParse(HttpContext context, out AddSessionsRequest request)
    {
        request = null!;
        ApiError? error;
        if ((error = BodyFields.TryRead(context, out var fields)) is not null
            || (error = fields.Read(MemoryIdField, out var memoryId)) is not null
            || (error = fields.Read(CustomerField, out var customerUserId)) is not null)
        {
            return error;
        }
        var hasSessions = fields.TryGet("sessions", out _);
        if (hasSessions && customerUserId is not null)
        {
            return NotBoth;
        }
        if (!hasSessions && customerUserId is null)
        {
            return OneOfRequired;
        }
        IReadOnlyList<string> sessions = [];
        if (hasSessions && (error = fields.Read(SessionsField, out sessions)) is not null)
        {
            return error;
        }
        request = new AddSessionsRequest(memoryId, sessions, customerUserId);
        return null;
    }
}

/// `data` of POST /memories/add-sessions: the samples of those sessions' messages in the memory, oldest first.
public sealed record SessionSamples(IReadOnlyList<Sample> Samples);
