using System.Globalization;
using System.Threading.RateLimiting;
using Engram.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Engram.Auth;

/// An optional per-key limit (`--rate-limit N`: N requests a second, bursts up to N), off by
/// default. Over it, a request is answered 429 in the envelope with `Retry-After`. It runs after
/// authentication, so unauthenticated requests never consume a key's budget.
internal static class KeyRateLimit
{
    public static IServiceCollection AddKeyRateLimit(this IServiceCollection services, int perSecond)
    {
        if (perSecond <= 0)
        {
            return services;
        }
        return services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                context.Features.Get<Caller>() is null
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetTokenBucketLimiter(context.Request.Headers["X-API-Key"].ToString(), _ => new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = perSecond,
                        TokensPerPeriod = perSecond,
                        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                        QueueLimit = 0,
                        AutoReplenishment = true,
                    }));
            options.OnRejected = async (rejected, cancellationToken) =>
            {
                rejected.HttpContext.RequestServices.GetRequiredService<Operations.EngramMetrics>().RateLimitHits.Add(1);
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ErrorResults.WriteAsync(rejected.HttpContext, ApiError.TooManyRequests, StatusCodes.Status429TooManyRequests);
            };
        });
    }

    public static IApplicationBuilder UseKeyRateLimit(this IApplicationBuilder app, int perSecond) =>
        perSecond > 0 ? app.UseRateLimiter() : app;
}
