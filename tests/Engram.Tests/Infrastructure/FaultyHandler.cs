using System.Net.Http.Headers;
using System.Text;

namespace Engram.Tests.Infrastructure;

public enum Fault
{
    /// The connection is refused: the request never reaches the server.
    RefuseConnection,
    /// The request reaches the server and runs, then the answer is lost on the way back.
    LoseAnswer,
    /// 429 with `Retry-After: 0`, without reaching the server (a rate limiter in front).
    TooManyRequests,
    /// 429 asking for a minute's wait.
    TooManyRequestsForAMinute,
    /// 503 from a proxy in front, without reaching the server.
    ServiceUnavailable,
}

/// Sits between the client and the real server and injects one fault per attempt from a script;
/// once the script runs out, requests pass through untouched. Counts every attempt.
public sealed class FaultyHandler(params Fault[] script) : DelegatingHandler(new SocketsHttpHandler())
{
    private readonly Queue<Fault> _script = new(script);

    public List<string> Attempts { get; } = [];

    /// Every attempt fails with `fault`, for as long as the test runs.
    public bool Always { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Attempts.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
        if (!_script.TryPeek(out var fault))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        if (!Always)
        {
            _script.Dequeue();
        }
        switch (fault)
        {
            case Fault.RefuseConnection:
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused (injected)");
            case Fault.LoseAnswer:
                (await base.SendAsync(request, cancellationToken)).Dispose();
                throw new HttpRequestException(HttpRequestError.ResponseEnded, "The answer was lost (injected)");
            case Fault.TooManyRequests:
            case Fault.TooManyRequestsForAMinute:
                var limited = Answer(HttpStatusCode.TooManyRequests, """{"error":"Too many requests","status":"too_many_requests"}""");
                limited.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(fault == Fault.TooManyRequests ? 0 : 60));
                return limited;
            default:
                return Answer(HttpStatusCode.ServiceUnavailable, "<html>upstream unavailable</html>");
        }
    }

    private static HttpResponseMessage Answer(HttpStatusCode status, string body) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
