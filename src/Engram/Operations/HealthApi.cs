using Engram.Errors;
using Engram.Json;
using Engram.OpenApi;
using Engram.Validation;
using Engram.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;

namespace Engram.Operations;

internal static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // JsonHttpResult carries no response metadata, so the answers are declared for the OpenAPI document.
        routes.MapGet("/healthz", Healthz).WithName("healthz").WithTags("Operations").WithSummary("Liveness, without touching storage")
            .Produces<HealthStatus>();
        routes.MapGet("/readyz", ReadyzAsync).WithName("readyz").WithTags("Operations").WithSummary("Readiness: storage answers and the server is not shutting down")
            .WithDescription("With warm=true, also 503 \"Warming up\" after a start until the embedding model is loaded (when the database "
                + "holds a memory) and the recent memories' indexes are: for a load balancer that would rather wait than send the first queries there")
            .WithQuery(new QueryParameter("warm", "Also wait for the warm-up (true or false, any letter case)", new() { Type = JsonSchemaType.Boolean }))
            .Produces<HealthStatus>().Produces<ApiError>(StatusCodes.Status400BadRequest).Produces<ApiError>(StatusCodes.Status503ServiceUnavailable);
        // Some load balancers probe with HEAD: the same answers, without the body (Kestrel drops
        // it). Kept out of the OpenAPI document, which describes the API, not the probes.
        routes.MapMethods("/healthz", [HttpMethods.Head], Healthz).ExcludeFromDescription();
        routes.MapMethods("/readyz", [HttpMethods.Head], ReadyzAsync).ExcludeFromDescription();
        return routes;
    }

    private static JsonHttpResult<HealthStatus> Healthz() => TypedResults.Json(HealthStatus.Ok, EngramJson.Default.HealthStatus);

    /// A node draining before it stops: up, but no longer to be sent new work.
    private static readonly ApiError ShuttingDown = new("Shutting down", "unavailable");

    /// A node started a moment ago whose model or recent indexes are still loading.
    private static readonly ApiError WarmingUp = new("Warming up", "unavailable");

    private static async Task<Results<JsonHttpResult<HealthStatus>, JsonHttpResult<ApiError>>> ReadyzAsync(
        HttpRequest request, IStore store, Draining draining, Warmup warmup, CancellationToken cancellationToken)
    {
        if (request.Query.ReadBoolean("warm", out var warm) is { } badWarm)
        {
            return badWarm.ToResult(StatusCodes.Status400BadRequest);
        }
        if (draining.IsDraining)
        {
            return ShuttingDown.ToResult(StatusCodes.Status503ServiceUnavailable);
        }
        if (warm && !warmup.IsDone)
        {
            return WarmingUp.ToResult(StatusCodes.Status503ServiceUnavailable);
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
