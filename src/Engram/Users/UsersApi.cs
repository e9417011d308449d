using Engram.Auth;
using Engram.Errors;
using Engram.Json;
using Engram.OpenApi;
using Engram.Paging;
using Engram.Storage;
using Engram.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engram.Users;

public static class UsersApi
{
    private static readonly Deleted DeletedUser = Deleted.Of("User");

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var users = routes.MapGroup("/users").WithTags("Users");
        users.MapPost("/create", CreateAsync).WithName("createUser").WithSummary("Create User")
            .WithJsonBody(RequestSchemas.CreateUser);
        users.MapGet("/get/{id}", GetAsync).WithName("getUser").WithSummary("Get User");
        users.MapGet("/list", ListAsync).WithName("listUsers").WithSummary("List Users")
            .WithDescription("Retrieve a list of the account's end users with pagination, newest first")
            .WithListQuery();
        users.MapDelete("/delete/{id}", DeleteAsync).WithName("deleteUser").WithSummary("Delete User");
        return routes;
    }

    private static async Task<Results<Created<Success<User>>, BadRequest<ApiError>, Conflict<ApiError>>> CreateAsync(
        Caller caller, HttpContext context, IStore store, CancellationToken cancellationToken)
    {
        if (UserCreateRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var now = UnixMs.Now();
        var user = new User(request.Id ?? Ids.New(), request.FirstName, request.LastName, request.Email, request.Phone,
            Owner: caller.AccountId, UserID: caller.AccountId, CreatedAt: now, UpdatedAt: now);
        return await store.InsertUserAsync(user, cancellationToken) == InsertOutcome.Created
            ? TypedResults.Created((string?)null, Success.Of(user))
            : TypedResults.Conflict(ApiError.UserExists);
    }

    private static async Task<Results<Ok<Success<User>>, BadRequest<ApiError>, NotFound<ApiError>>> GetAsync(
        string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.GetUserAsync(caller.AccountId, id, cancellationToken) is { } user
            ? TypedResults.Ok(Success.Of(user))
            : TypedResults.NotFound(ApiError.UserNotFound);
    }

    private static async Task<Results<Ok<Success<UserList>>, BadRequest<ApiError>>> ListAsync(
        Caller caller, HttpRequest request, PageTokens tokens, IStore store, CancellationToken cancellationToken)
    {
        string?[] filters = [];
        if (tokens.ReadRequest(request.Query, Resource.Users, caller.AccountId, filters, out var pageRequest) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var page = await store.ListUsersAsync(caller.AccountId, pageRequest, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Users, caller.AccountId, filters);
        return TypedResults.Ok(Success.Of(new UserList(page.Items, next, previous, page.Items.Count)));
    }

    private static async Task<Results<Ok<Deleted>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteAsync(
        string id, Caller caller, IStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.DeleteUserAsync(caller.AccountId, id, cancellationToken)
            ? TypedResults.Ok(DeletedUser)
            : TypedResults.NotFound(ApiError.UserNotFound);
    }
}
