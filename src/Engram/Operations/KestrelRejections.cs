using System.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;

namespace Engram.Operations;

/// What Kestrel refuses itself, before any middleware runs (a `%00` in the path, no Host header, a
/// malformed request line, a line or headers past Kestrel's own limits), gets Kestrel's bare
/// status and so no request log line; its BadRequest diagnostic event gives each one a line here.
/// (Its own log of them is at Debug, with a stack trace.)
internal static partial class KestrelRejections
{
    private const string BadRequestEvent = "Microsoft.AspNetCore.Server.Kestrel.BadRequest";

    public static WebApplication LogKestrelRejections(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Engram.Requests");
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return app; // as quiet as the request log: no subscription, no cost
        }
        var subscription = app.Services.GetRequiredService<DiagnosticListener>()
            .Subscribe(new Observer(logger), static name => name == BadRequestEvent);
        app.Lifetime.ApplicationStopped.Register(subscription.Dispose);
        return app;
    }

    private sealed class Observer(ILogger logger) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> pair)
        {
            if (!logger.IsEnabled(LogLevel.Information) || pair.Value is not IFeatureCollection features
                || features.Get<IBadRequestExceptionFeature>()?.Error is not BadHttpRequestException error)
            {
                return;
            }
            // The message names the reason ("Invalid request target", "Request is missing Host header");
            // Kestrel leaves the request's own text out of it unless its own log is at Information.
            var connection = features.Get<IHttpConnectionFeature>()?.ConnectionId ?? "-";
            var reason = LoggedText.Escape(Shorten(error.Message));
            LogRefused(logger, error.StatusCode, reason, connection);
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }

        /// Without its details a message ends in an empty quote ("Invalid request target: ''"): dropped.
        private static string Shorten(string message)
        {
            message = message.EndsWith(": ''", StringComparison.Ordinal) ? message[..^4] : message;
            return message.Length <= 200 ? message : message[..200] + "…";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Kestrel refused a request itself: {Status} {Reason} (connection {Connection})")]
    private static partial void LogRefused(ILogger logger, int status, string reason, string connection);
}
