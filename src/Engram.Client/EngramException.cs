using System.Net;

namespace Engram.Client;

/// <summary>
/// The server answered with an error. Carries the HTTP status, the contract's <c>status</c> code
/// (<c>bad_request</c>, <c>not_found</c>, <c>conflict</c>…), the server's error sentence and the raw body.
/// Failures to reach the server at all are not answers: they surface as <see cref="HttpRequestException"/>.
/// </summary>
public sealed class EngramException : Exception
{
    /// <summary>Creates the exception for one error answer.</summary>
    public EngramException(HttpStatusCode statusCode, string? status, string error, string? responseBody, TimeSpan? retryAfter = null,
        string? requestId = null)
        : base($"{error} ({(int)statusCode} {status ?? statusCode.ToString()}{(requestId is null ? "" : $", request {requestId}")})")
    {
        StatusCode = statusCode;
        Status = status;
        Error = error;
        ResponseBody = responseBody;
        RetryAfter = retryAfter;
        RequestId = requestId;
    }

    /// <summary>The HTTP status of the answer, e.g. 404.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>
    /// The <c>status</c> field of the error body, e.g. <c>not_found</c>; null when the body was not
    /// the contract's <c>{error, status}</c> envelope (a proxy's error page, say).
    /// </summary>
    public string? Status { get; }

    /// <summary>The server's error sentence, e.g. <c>Session not found</c>; the HTTP reason when the body had none.</summary>
    public string Error { get; }

    /// <summary>The body exactly as received, for logging; null when there was none.</summary>
    public string? ResponseBody { get; }

    /// <summary>The wait a 429 asked for in its <c>Retry-After</c> header, if any.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// The answer's <c>X-Request-Id</c>: the id the server logged this request under, to quote when
    /// asking what went wrong. Null when the answer had none (duohub, or a proxy's error page).
    /// </summary>
    public string? RequestId { get; }
}
