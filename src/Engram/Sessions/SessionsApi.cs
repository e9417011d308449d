using Engram.Auth;
using Engram.Errors;
using Engram.Json;
using Engram.OpenApi;
using Engram.Paging;
using Engram.Storage;
using Engram.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engram.Sessions;

public static class SessionsApi
{
    private static readonly Deleted DeletedSession = Deleted.Of("Session");

    public static IEndpointRouteBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        var sessions = routes.MapGroup("/sessions").WithTags("Sessions");
        sessions.MapPost("/create", CreateAsync).WithName("createSession").WithSummary("Create Session")
            .WithJsonBody(RequestSchemas.CreateSession);
        sessions.MapGet("/get/{id}", GetAsync).WithName("getSession").WithSummary("Get Session");
        sessions.MapGet("/list", ListAsync).WithName("listSessions").WithSummary("List Sessions")
            .WithDescription("Retrieve a list of sessions with optional filtering and pagination, newest first")
            .WithListQuery(new QueryFilter("customerUserID", "Filter sessions by customer user ID"));
        sessions.MapDelete("/delete/{id}", DeleteAsync).WithName("deleteSession").WithSummary("Delete Session")
            .WithDescription("Soft-deletes the session and its messages");
        sessions.MapPost("/end/{id}", EndAsync).WithName("endSession").WithSummary("End Session")
            .WithDescription("Engram extension: sets endedAt (the first one stays); an ended session refuses new messages");
        return routes;
    }

    private static async Task<Results<Created<Success<Session>>, BadRequest<ApiError>, Conflict<ApiError>>> CreateAsync(
        Caller caller, HttpContext context, IStore store, CancellationToken cancellationToken)
    {
        if (SessionCreateRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var now = UnixMs.Now();
        var session = new Session(request.Id ?? Ids.New(), caller.AccountId, request.CustomerUserId, request.Metadata,
            CreatedAt: now, UpdatedAt: now, DeletedAt: null, EndedAt: null);
        return await store.InsertSessionAsync(session, cancellationToken) == InsertOutcome.Created
            ? TypedResults.Created((string?)null, Success.Of(session))
            : TypedResults.Conflict(ApiError.SessionExists);
    }

    private static async Task<Results<Ok<Success<Session>>, BadRequest<ApiError>, NotFound<ApiError>>> GetAsync(
        string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.GetSessionAsync(caller.AccountId, id, cancellationToken) is { } session
            ? TypedResults.Ok(Success.Of(session))
            : TypedResults.NotFound(ApiError.SessionNotFound);
    }

    private static async Task<Results<Ok<Success<SessionList>>, BadRequest<ApiError>>> ListAsync(
        Caller caller, HttpRequest request, PageTokens tokens, IStore store, CancellationToken cancellationToken)
    {
        if (request.Query.ReadFilter("customerUserID", out var customerUserId) is { } filterError)
        {
            return TypedResults.BadRequest(filterError);
        }
        string?[] filters = [customerUserId];
        if (tokens.ReadRequest(request.Query, Resource.Sessions, caller.AccountId, filters, out var pageRequest) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var page = await store.ListSessionsAsync(caller.AccountId, customerUserId, pageRequest, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Sessions, caller.AccountId, filters);
        return TypedResults.Ok(Success.Of(new SessionList(page.Items, next, previous, page.Items.Count)));
    }

    private static async Task<Results<Ok<Deleted>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteAsync(
        string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.DeleteSessionAsync(caller.AccountId, id, UnixMs.Now(), cancellationToken)
            ? TypedResults.Ok(DeletedSession)
            : TypedResults.NotFound(ApiError.SessionNotFound);
    }

    private static async Task<Results<Ok<Success<Session>>, BadRequest<ApiError>, NotFound<ApiError>>> EndAsync(
        string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.EndSessionAsync(caller.AccountId, id, UnixMs.Now(), cancellationToken) is { } session
            ? TypedResults.Ok(Success.Of(session))
            : TypedResults.NotFound(ApiError.SessionNotFound);
    }
}
