using System.Diagnostics;

namespace Engram.Operations;

/// One line per request: method, path, status, milliseconds, request id. Headers (and so keys)
/// are never logged; the path is logged without its query string, which may carry tokens.
internal static partial class RequestLogging
{
    public static IApplicationBuilder UseRequestLog(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger("Engram.Requests");
        return app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            // Set as the response starts, so an error path that clears the response keeps it.
            context.Response.OnStarting(static state =>
            {
                var http = (HttpContext)state;
                http.Response.Headers["X-Request-Id"] = http.TraceIdentifier;
                return Task.CompletedTask;
            }, context);
            try
            {
                await next(context);
            }
            finally
            {
                if (logger.IsEnabled(LogLevel.Information))
                {
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    LogRequest(logger, context.Request.Method, context.Request.Path.Value ?? "/",
                        context.Response.StatusCode, elapsed, context.TraceIdentifier);
                }
            }
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Method} {Path} {Status} {Milliseconds:0.0}ms {RequestId}")]
    private static partial void LogRequest(ILogger logger, string method, string path, int status, double milliseconds, string requestId);
}
