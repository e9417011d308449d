using Engram.Errors;
using Engram.Json;
using Engram.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engram.Operations;

internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // JsonHttpResult carries no response metadata, so the answers are declared for the OpenAPI document.
        routes.MapGet("/healthz", Healthz).WithName("healthz").WithTags("Operations").WithSummary("Liveness, without touching storage")
            .Produces<HealthStatus>();
        routes.MapGet("/readyz", ReadyzAsync).WithName("readyz").WithTags("Operations").WithSummary("Readiness: storage answers and the server is not shutting down")
            .Produces<HealthStatus>().Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        // Some load balancers probe with HEAD: the same answers, without the body (Kestrel drops
        // it). Kept out of the OpenAPI document, which describes the API, not the probes.
        routes.MapMethods("/healthz", [HttpMethods.Head], Healthz).ExcludeFromDescription();
        routes.MapMethods("/readyz", [HttpMethods.Head], ReadyzAsync).ExcludeFromDescription();
        return routes;
    }

    private static JsonHttpResult<HealthStatus> Healthz() => TypedResults.Json(HealthStatus.Ok, EngramJson.Default.HealthStatus);

    /// A node draining before it stops: up, but no longer to be sent new work.
    private static readonly ApiError ShuttingDown = new("Shutting down", "unavailable");

    private static async Task<Results<JsonHttpResult<HealthStatus>, JsonHttpResult<ApiError>>> ReadyzAsync(
        IStore store, Draining draining, CancellationToken cancellationToken)
    {
        if (draining.IsDraining)
        {
            return ShuttingDown.ToResult(StatusCodes.Status503ServiceUnavailable);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        return await store.PingAsync(timeout.Token)
            ? TypedResults.Json(HealthStatus.Ok, EngramJson.Default.HealthStatus)
            : ApiError.StorageUnavailable.ToResult(StatusCodes.Status503ServiceUnavailable);
    }
}

public sealed record HealthStatus(string Status)
{
    public static readonly HealthStatus Ok = new("ok");
}
