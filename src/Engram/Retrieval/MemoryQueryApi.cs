using System.Globalization;
using Engram.Auth;
using Engram.OpenApi;
using Engram.Errors;
using Engram.Files;
using Engram.Memories;
using Engram.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Engram.Retrieval;

public static class MemoryQueryApi
{
    public const int MaxQueryLength = 2000;
    public const int MaxTopK = 50, DefaultTopK = 5;

    public static IEndpointRouteBuilder MapMemoryQuery(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/memory", QueryAsync).WithTags("Memory").WithName("queryMemory").WithSummary("Query Memory")
            .WithDescription("The memory's content most relevant to the query, best first; answered with no envelope, as duohub does")
            .WithQuery(
                new QueryParameter("memoryID", "The memory to search", new() { Type = JsonSchemaType.String }, Required: true),
                new QueryParameter("query", "What to look for", new() { Type = JsonSchemaType.String, MinLength = 1, MaxLength = MaxQueryLength }, Required: true),
                new QueryParameter("top_k", "How many chunks", new()
                {
                    Type = JsonSchemaType.Integer, Minimum = "1", Maximum = MaxTopK.ToString(CultureInfo.InvariantCulture),
                    Default = System.Text.Json.Nodes.JsonValue.Create(DefaultTopK),
                }),
                new QueryParameter("facts", "Up to 3 supporting facts (true or false, any letter case)", new() { Type = JsonSchemaType.Boolean }),
                new QueryParameter("assisted", "One sentence that answers the query (true or false, any letter case)", new() { Type = JsonSchemaType.Boolean }));
        return routes;
    }

    private static async Task<Results<Ok<MemoryAnswer>, BadRequest<ApiError>, NotFound<ApiError>>> QueryAsync(
        Caller caller, HttpRequest request, Retriever retriever, IOptions<EngramUrls> urls, CancellationToken cancellationToken)
    {
        var query = request.Query;
        if (query.Filter("memoryID") is not { } memoryId)
        {
            return TypedResults.BadRequest(ApiError.BadRequest("memoryID is required"));
        }
        if (query.Filter("query") is not { } text || string.IsNullOrWhiteSpace(text))
        {
            return TypedResults.BadRequest(ApiError.BadRequest("query is required"));
        }
        if (!FieldRules.IsStorableText(memoryId))
        {
            return TypedResults.NotFound(MemoriesApi.MemoryNotFound); // no memory can have that id
        }
        if (!FieldRules.IsStorableText(text))
        {
            return TypedResults.BadRequest(ApiError.BadRequest(FieldRules.TextMessage("query")));
        }
        if (FieldRules.CharacterCount(text) > MaxQueryLength)
        {
            return TypedResults.BadRequest(ApiError.BadRequest($"query must be at most {MaxQueryLength} characters"));
        }
        var topK = DefaultTopK;
        if (query.Last("top_k") is { } topKText
            && (!int.TryParse(topKText, NumberStyles.None, CultureInfo.InvariantCulture, out topK) || topK is < 1 or > MaxTopK))
        {
            return TypedResults.BadRequest(ApiError.BadRequest($"top_k must be between 1 and {MaxTopK}"));
        }
        if (query.ReadBoolean("assisted", out var assisted) is { } assistedError)
        {
            return TypedResults.BadRequest(assistedError);
        }
        if (query.ReadBoolean("facts", out var facts) is { } factsError)
        {
            return TypedResults.BadRequest(factsError);
        }
        var answer = await retriever.QueryAsync(
            new MemoryQuery(caller.AccountId, memoryId, text, topK, facts, assisted, urls.Value.BaseOf(request)), cancellationToken);
        return answer is null ? TypedResults.NotFound(MemoriesApi.MemoryNotFound) : TypedResults.Ok(answer);
    }
}
