using Engram.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Engram.Validation;

/// Engram's limits on the request target and headers (Limits), checked before auth and routing so
/// an over-limit request gets the contract's envelope: 414 `uri_too_long`, 431
/// `request_header_fields_too_large`. Kestrel's own limits sit higher (EngramApp): when Kestrel
/// enforces a limit itself it answers before any middleware, with an empty body and no log line.
internal static class RequestHeadLimits
{
    public static IApplicationBuilder UseRequestHeadLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            // RawTarget is the target as sent (path and query, still %-encoded), one char per byte.
            var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? "";
            if (target.Length > Limits.MaxRequestTargetBytes)
            {
                return ErrorResults.WriteAsync(context, ApiError.UriTooLong, StatusCodes.Status414UriTooLong);
            }
            if (!WithinHeaderLimits(context.Request.Headers))
            {
                return ErrorResults.WriteAsync(context, ApiError.HeadersTooLarge, StatusCodes.Status431RequestHeaderFieldsTooLarge);
            }
            return next(context);
        });

    /// Counted as Kestrel counts them: one field per header line (a repeated name is several), and
    /// the bytes of each line's name and value.
    private static bool WithinHeaderLimits(IHeaderDictionary headers)
    {
        var fields = 0;
        var bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                fields++;
                bytes += name.Length + (value?.Length ?? 0);
            }
        }
        return fields <= Limits.MaxRequestHeaderCount && bytes <= Limits.MaxRequestHeadersBytes;
    }
}
