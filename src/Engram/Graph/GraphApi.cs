using Engram.Auth;
using Engram.Errors;
using Engram.Json;
using Engram.Memories;
using Engram.OpenApi;
using Engram.Paging;
using Engram.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Engram.Graph;

/// Inspectable memory (extension): what a memory learnt, its entities and its facts, as lists
/// paged like every other, so a user can see why memory answers as it does.
public static class GraphApi
{
    public static IEndpointRouteBuilder MapGraph(this IEndpointRouteBuilder routes)
    {
        var memories = routes.MapGroup("/memories").WithTags("Memories");
        memories.MapGet("/entities", EntitiesAsync).WithName("listEntities").WithSummary("List Entities")
            .WithDescription("Engram extension: the entities a memory learnt, oldest first, with their aliases and fact counts")
            .WithListQuery(new QueryFilter("memoryID", "The memory (required)"));
        memories.MapGet("/facts", FactsAsync).WithName("listFacts").WithSummary("List Facts")
            .WithDescription("Engram extension: the facts a memory learnt, oldest first; `entity` (an entity's id or name) keeps those that mention it")
            .WithListQuery(new QueryFilter("memoryID", "The memory (required)"), new QueryFilter("entity", "An entity's id or name"));
        return routes;
    }

    private static async Task<Results<Ok<Success<EntityList>>, BadRequest<ApiError>, NotFound<ApiError>>> EntitiesAsync(
        Caller caller, HttpRequest request, PageTokens tokens, MemoryStore memories, GraphLists lists, CancellationToken cancellationToken)
    {
        if (await ReadAsync(caller, request, tokens, memories, Resource.Entities, entity: null, cancellationToken) is not { } read)
        {
            return TypedResults.NotFound(MemoriesApi.MemoryNotFound);
        }
        if (read.Error is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var page = await lists.EntitiesAsync(caller.AccountId, read.MemoryId, read.Page, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Entities, caller.AccountId, read.Filters);
        return TypedResults.Ok(Success.Of(new EntityList(page.Items, next, previous, page.Items.Count)));
    }

    private static async Task<Results<Ok<Success<FactList>>, BadRequest<ApiError>, NotFound<ApiError>>> FactsAsync(
        Caller caller, HttpRequest request, PageTokens tokens, MemoryStore memories, GraphLists lists, CancellationToken cancellationToken)
    {
        var entity = request.Query.Filter("entity");
        if (await ReadAsync(caller, request, tokens, memories, Resource.Facts, entity, cancellationToken) is not { } read)
        {
            return TypedResults.NotFound(MemoriesApi.MemoryNotFound);
        }
        if (read.Error is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var page = await lists.FactsAsync(caller.AccountId, read.MemoryId, entity, read.Page, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Facts, caller.AccountId, read.Filters);
        return TypedResults.Ok(Success.Of(new FactList(page.Items, next, previous, page.Items.Count)));
    }

    private sealed record ListRead(string MemoryId, string?[] Filters, PageRequest Page, ApiError? Error);

    /// The memoryID, the page asked for and its filters; an error to answer with; null for an unknown memory.
    private static async Task<ListRead?> ReadAsync(Caller caller, HttpRequest request, PageTokens tokens, MemoryStore memories,
        Resource resource, string? entity, CancellationToken cancellationToken)
    {
        if (request.Query.Filter("memoryID") is not { } memoryId)
        {
            return new ListRead("", [], new PageRequest(1, null), ApiError.BadRequest("memoryID is required"));
        }
        if (!FieldRules.IsStorableText(memoryId) || (entity is not null && !FieldRules.IsStorableText(entity)))
        {
            return null; // no memory (or entity) can have that id
        }
        string?[] filters = [memoryId, entity];
        if (tokens.ReadRequest(request.Query, resource, caller.AccountId, filters, out var page) is { } error)
        {
            return new ListRead(memoryId, filters, page, error);
        }
        return await memories.GetAsync(caller.AccountId, memoryId, cancellationToken) is null ? null : new ListRead(memoryId, filters, page, null);
    }
}
