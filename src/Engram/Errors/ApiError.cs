using Engram.Validation;

namespace Engram.Errors;

/// The contract's error envelope: {"error": "<sentence>", "status": "<code>"}.
public sealed record ApiError(string Error, string Status)
{
    public static ApiError BadRequest(string message) => new(message, "bad_request");
    public static ApiError NotFound(string message) => new(message, "not_found");
    public static ApiError Conflict(string message) => new(message, "conflict");

    public static readonly ApiError KeyRequired = new("API key is required", "unauthorized");
    public static readonly ApiError InvalidKey = new("Invalid API key", "forbidden");
    public static readonly ApiError RouteNotFound = NotFound("Not found");
    public static readonly ApiError MethodNotAllowed = new("Method not allowed", "method_not_allowed");
    public static readonly ApiError BodyTooLarge = new("Request body too large", "payload_too_large");
    public static readonly ApiError InvalidJson = BadRequest("Invalid JSON in request body");
    public static readonly ApiError BodyNotObject = BadRequest("Request body must be a JSON object");
    public static readonly ApiError Internal = new("Internal server error", "error");
    public static readonly ApiError StorageUnavailable = new("Storage unavailable", "unavailable");
    public static readonly ApiError StorageFull = new("Storage full", "unavailable");
    public static readonly ApiError TooManyRequests = new("Too many requests", "too_many_requests");
    public static readonly ApiError UriTooLong = new($"Request target longer than {Limits.MaxRequestTargetBytes} bytes", "uri_too_long");
    public static readonly ApiError HeadersTooLarge = new(
        $"Request headers over {Limits.MaxRequestHeadersBytes} bytes or {Limits.MaxRequestHeaderCount} fields", "request_header_fields_too_large");

    public static readonly ApiError InvalidLimit =
        BadRequest($"Limit must be between 1 and {Limits.MaxPageSize}");
    public static readonly ApiError BothTokens = BadRequest("Provide nextToken or previousToken, not both");
    public static readonly ApiError InvalidNextToken = BadRequest("Invalid nextToken");
    public static readonly ApiError InvalidPreviousToken = BadRequest("Invalid previousToken");

    public static readonly ApiError InvalidId = BadRequest(FieldRules.IdMessage("id"));
    public static readonly ApiError SessionNotFound = NotFound("Session not found");
    public static readonly ApiError MessageNotFound = NotFound("Message not found");
    public static readonly ApiError UserNotFound = NotFound("User not found");
    public static readonly ApiError SessionExists = Conflict("Session already exists");
    public static readonly ApiError MessageExists = Conflict("Message already exists");
    public static readonly ApiError UserExists = Conflict("User already exists");
    public static readonly ApiError SessionEnded = Conflict("Session has ended");

    /// The envelope for a status code the framework produced without a body.
    public static ApiError ForStatusCode(int statusCode) => statusCode switch
    {
        400 => BadRequest("Bad request"),
        401 => KeyRequired,
        403 => InvalidKey,
        404 => RouteNotFound,
        405 => MethodNotAllowed,
        408 => new("Request timeout", "request_timeout"),
        413 => BodyTooLarge,
        414 => UriTooLong,
        429 => TooManyRequests,
        431 => HeadersTooLarge,
        503 => StorageUnavailable,
        _ when statusCode >= 500 => Internal,
        _ => BadRequest("Bad request"),
    };
}
