using Engram.Auth;
using Engram.Errors;
using Engram.Ingestion;
using Engram.Json;
using Engram.OpenApi;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Engram.Memories;

/// §11, conversation memory: sessions' messages as samples of a memory, queued at once, and live after.
public static class ConversationMemoryApi
{
    public static IEndpointRouteBuilder MapConversationMemory(this IEndpointRouteBuilder routes)
    {
        routes.MapGroup("/memories").WithTags("Memories")
            .MapPost("/add-sessions", AddSessionsAsync).WithName("addSessionsToMemory").WithSummary("Add Sessions to Memory")
            .WithJsonBody(AddSessionsRequest.Body)
            .WithDescription("Engram extension: every message of the sessions (or of the customer's sessions, now and later) " +
                "becomes a sample, queued at once; later messages are ingested live");
        return routes;
    }

    private static async Task<Results<Created<Success<SessionSamples>>, BadRequest<ApiError>, NotFound<ApiError>>> AddSessionsAsync(
        Caller caller, HttpContext context, ConversationStore conversations, JobStore jobs, IngestionSignal signal,
        IOptions<IngestionOptions> options, CancellationToken cancellationToken)
    {
        if (AddSessionsRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var (outcome, samples) = await conversations.AddSessionsAsync(caller.AccountId, request.MemoryId, request.Sessions,
            request.CustomerUserId, cancellationToken);
        switch (outcome)
        {
            case SessionsOutcome.MemoryNotFound:
                return TypedResults.NotFound(MemoriesApi.MemoryNotFound);
            case SessionsOutcome.SessionNotFound:
                return TypedResults.NotFound(ApiError.SessionNotFound);
        }
        // No start-ingestion call needed. Over the token limit the samples wait, pending, as start-ingestion's would.
        if (samples.Any(sample => sample.Status == "pending"))
        {
            await jobs.StartAsync(caller.AccountId, request.MemoryId, options.Value.TokenLimit, cancellationToken);
            signal.JobQueued();
        }
        return TypedResults.Created((string?)null, Success.Of(new SessionSamples(samples)));
    }
}
