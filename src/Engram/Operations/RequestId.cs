namespace Engram.Operations;

/// The id a request is known by: in every log line it causes, in its `X-Request-Id` response
/// header, and under a 500's log entry. A caller's own `X-Request-Id` (a proxy's, a client's) is
/// kept, so its logs and ours meet on one value; it is the caller's text going into our log, so
/// only a bounded run of plain characters is taken, and anything else gets the server's own id.
internal static class RequestId
{
    public const string Header = "X-Request-Id";

    /// Room for a UUID, a W3C trace id with a span id, or a proxy's own longer ids.
    public const int MaxLength = 128;

    public static string For(HttpContext context) =>
        context.Request.Headers[Header] is [{ } given] && IsAcceptable(given) ? given : context.TraceIdentifier;

    public static bool IsAcceptable(string id)
    {
        if (id.Length is 0 or > MaxLength)
        {
            return false;
        }
        foreach (var c in id)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':'))
            {
                return false;
            }
        }
        return true;
    }
}

/// The logging scope a request runs under, so each line it logs names the request (and the W3C
/// trace it belongs to, when a caller sent `traceparent`).
internal sealed record RequestScope(string RequestId, string? TraceId)
{
    public override string ToString() => $"request {RequestId}";
}
