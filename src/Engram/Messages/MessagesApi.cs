using Engram.Auth;
using Engram.Errors;
using Engram.Json;
using Engram.OpenApi;
using Engram.Paging;
using Engram.Storage;
using Engram.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engram.Messages;

public static class MessagesApi
{
    private static readonly Deleted DeletedMessage = Deleted.Of("Message");

    public static IEndpointRouteBuilder MapMessages(this IEndpointRouteBuilder routes)
    {
        var messages = routes.MapGroup("/messages").WithTags("Messages");
        messages.MapPost("/create", CreateAsync).WithName("createMessage").WithSummary("Create Message")
            .WithJsonBody(RequestSchemas.CreateMessage);
        messages.MapGet("/get/{id}", GetAsync).WithName("getMessage").WithSummary("Get Message");
        messages.MapGet("/list", ListAsync).WithName("listMessages").WithSummary("List Messages")
            .WithDescription("Retrieve a list of messages with optional filtering and pagination, oldest first")
            .WithListQuery(
                new QueryFilter("sessionID", "Filter messages by session ID"),
                new QueryFilter("customerUserID", "Filter messages by customer user ID"),
                new QueryFilter("role", "Filter messages by role", Roles.All));
        messages.MapDelete("/delete/{id}", DeleteAsync).WithName("deleteMessage").WithSummary("Delete Message");
        return routes;
    }

    private static async Task<Results<Created<Success<Message>>, BadRequest<ApiError>, NotFound<ApiError>, Conflict<ApiError>>> CreateAsync(
        Caller caller, HttpContext context, IStore store, CancellationToken cancellationToken)
    {
        if (MessageCreateRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var message = new NewMessage(caller.AccountId, request.Id ?? Ids.New(), request.SessionId, request.Role,
            request.Content, request.CustomerUserId, request.CreatedAt ?? UnixMs.Now());
        var inserted = await store.InsertMessageAsync(message, cancellationToken);
        return inserted.Outcome switch
        {
            MessageInsertOutcome.Created => TypedResults.Created((string?)null, Success.Of(inserted.Message!)),
            MessageInsertOutcome.SessionNotFound => TypedResults.NotFound(ApiError.SessionNotFound),
            MessageInsertOutcome.SessionEnded => TypedResults.Conflict(ApiError.SessionEnded),
            _ => TypedResults.Conflict(ApiError.MessageExists),
        };
    }

    private static async Task<Results<Ok<Success<Message>>, BadRequest<ApiError>, NotFound<ApiError>>> GetAsync(
        string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.GetMessageAsync(caller.AccountId, id, cancellationToken) is { } message
            ? TypedResults.Ok(Success.Of(message))
            : TypedResults.NotFound(ApiError.MessageNotFound);
    }

    private static async Task<Results<Ok<Success<MessageList>>, BadRequest<ApiError>>> ListAsync(
        Caller caller, HttpRequest request, PageTokens tokens, IStore store, CancellationToken cancellationToken)
    {
        ApiError? filterError;
        if ((filterError = request.Query.ReadFilter("sessionID", out var sessionId)) is not null
            || (filterError = request.Query.ReadFilter("customerUserID", out var customerUserId)) is not null)
        {
            return TypedResults.BadRequest(filterError);
        }
        var filter = new MessageFilter(sessionId, customerUserId, request.Query.Filter("role"));
        if (filter.Role is not null && !Roles.IsKnown(filter.Role))
        {
            return TypedResults.BadRequest(MessageCreateRequest.RoleError);
        }
        string?[] filters = [filter.SessionId, filter.CustomerUserId, filter.Role];
        if (tokens.ReadRequest(request.Query, Resource.Messages, caller.AccountId, filters, out var pageRequest) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var page = await store.ListMessagesAsync(caller.AccountId, filter, pageRequest, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Messages, caller.AccountId, filters);
        return TypedResults.Ok(Success.Of(new MessageList(page.Items, next, previous, page.Items.Count, page.TotalCount!.Value)));
    }

    private static async Task<Results<Ok<Deleted>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteAsync(
        string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.DeleteMessageAsync(caller.AccountId, id, cancellationToken)
            ? TypedResults.Ok(DeletedMessage)
            : TypedResults.NotFound(ApiError.MessageNotFound);
    }
}
