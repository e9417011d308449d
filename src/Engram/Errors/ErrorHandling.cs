using Engram.Json;
using Engram.Operations;
using Engram.Storage;

namespace Engram.Errors;

/// The one place where whatever a handler did not answer becomes the contract's envelope:
/// exceptions (bad request framing, body too large, anything unexpected) and the bodiless
/// statuses that routing produces (unknown route, wrong method).
internal static partial class ErrorHandling
{
    public static IApplicationBuilder UseContractErrors(this IApplicationBuilder app)
    {
        app.Use(CatchExceptionsAsync);
        app.UseStatusCodePages(context =>
        {
            var status = context.HttpContext.Response.StatusCode;
            return context.HttpContext.Response.WriteAsJsonAsync(ApiError.ForStatusCode(status), EngramJson.Default.ApiError);
        });
        return app;
    }

    private static async Task CatchExceptionsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's framing errors: the body limit, a truncated body, a malformed request.
            await WriteIfPossibleAsync(context, ApiError.ForStatusCode(e.StatusCode), e.StatusCode);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (Exception e) when (StorageFaults.Of(e) is { } fault)
        {
            // The database is gone or its disk is full: the request was fine and may be sent again
            // once storage is back. Nothing of a failed write was committed (one transaction each).
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Engram.Errors");
            LogStorageFault(logger, context.Request.Method, LoggedText.Escape(context.Request.Path.Value ?? "/"), context.TraceIdentifier,
                LoggedText.Escape(StorageFaults.Reason(e)));
            await WriteIfPossibleAsync(context, fault == StorageFault.Full ? ApiError.StorageFull : ApiError.StorageUnavailable,
                StatusCodes.Status503ServiceUnavailable);
        }
        catch (Exception e)
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Engram.Errors");
            LogUnhandled(logger, e, context.Request.Method, LoggedText.Escape(context.Request.Path.Value ?? "/"), context.TraceIdentifier);
            await WriteIfPossibleAsync(context, ApiError.Internal, StatusCodes.Status500InternalServerError);
        }
    }

    private static async Task WriteIfPossibleAsync(HttpContext context, ApiError error, int status)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }
        context.Response.Clear();
        await ErrorResults.WriteAsync(context, error, status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage failed on {Method} {Path} (request {RequestId}), answered 503: {Reason}")]
    private static partial void LogStorageFault(ILogger logger, string method, string path, string requestId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path} (request {RequestId})")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path, string requestId);
}
