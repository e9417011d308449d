using System.Net;

namespace Engram.Client;

/// When a failed attempt is tried again, and how long to wait first.
///
/// A call is retried only when repeating it cannot change what the caller sees:
/// - any call, when the request never reached the server (no connection could be made) or the
///   server refused it before doing anything (429 Too Many Requests);
/// - idempotent calls (every GET; POST /sessions/end, whose repeat answers the same session with
///   the first `endedAt`; add-files and start-ingestion, whose repeats add and queue nothing more;
///   POST /files/upload, whose repeat leaves only an unused ticket; the upload PUT, whose repeat
///   replaces the bytes with the same bytes) also when the answer was lost on the way back, timed out, or was a
///   500, 502, 503 or 504.
/// A DELETE is not idempotent in its answer: its effect is the same however often it runs, but the
/// first answer is 200 and a repeat is 404 "… not found". Retrying one whose answer was lost would
/// report a delete that succeeded as a 404, so DELETE is retried like a create: only when it surely
/// did not run. When its outcome is unknown the caller sees the failure, and may repeat the delete
/// itself knowing that a 404 then means the record is gone.
internal sealed class RetryPolicy(EngramClientOptions options)
{
    public bool ShouldRetry(Exception exception, int attempt, bool idempotent, CancellationToken cancellationToken)
    {
        if (attempt >= options.MaxRetries || cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        return exception switch
        {
            HttpRequestException { HttpRequestError: var error } when NeverSent(error) => true,
            HttpRequestException or IOException => idempotent,
            // HttpClient.Timeout: a cancellation the caller did not ask for.
            OperationCanceledException => idempotent,
            _ => false,
        };
    }

    public bool ShouldRetry(HttpStatusCode status, TimeSpan? retryAfter, int attempt, bool idempotent)
    {
        if (attempt >= options.MaxRetries || retryAfter > options.MaxRetryDelay)
        {
            return false;
        }
        return status switch
        {
            HttpStatusCode.TooManyRequests => true,
            HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
                or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => idempotent,
            _ => false,
        };
    }

    /// Waits `retryAfter` when the server named a wait, else an exponential backoff with jitter
    /// (so clients that failed together do not come back together), never over MaxRetryDelay.
    public Task WaitAsync(int attempt, TimeSpan? retryAfter, CancellationToken cancellationToken)
    {
        var backoff = options.RetryDelay * Math.Pow(2, attempt) * (0.5 + (Random.Shared.NextDouble() / 2));
        var delay = retryAfter ?? backoff;
        if (delay > options.MaxRetryDelay)
        {
            delay = options.MaxRetryDelay;
        }
        return delay <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(delay, cancellationToken);
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// Failures before a single byte of the request went out: repeating cannot do anything twice.
    private static bool NeverSent(HttpRequestError error) => error is HttpRequestError.NameResolutionError
        or HttpRequestError.ConnectionError or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError;
}
