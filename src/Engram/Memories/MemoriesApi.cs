using Engram.Auth;
using Engram.Errors;
using Engram.Files;
using Engram.Ingestion;
using Engram.Json;
using Engram.OpenApi;
using Engram.Storage;
using Engram.Paging;
using Engram.Retrieval;
using Engram.Validation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Engram.Memories;

public static class MemoriesApi
{
    public static readonly ApiError MemoryNotFound = ApiError.NotFound("Memory not found");
    public static readonly ApiError MemoryExists = ApiError.Conflict("Memory already exists");
    public static readonly ApiError TokenLimitReached = new("Token limit reached", "too_many_requests");
    private static readonly Deleted DeletedMemory = Deleted.Of("Memory");
    private static readonly Done FileRemoved = new("success", "File deleted from memory successfully");

    public static IEndpointRouteBuilder MapMemories(this IEndpointRouteBuilder routes)
    {
        var memories = routes.MapGroup("/memories").WithTags("Memories");
        memories.MapPost("/create", CreateAsync).WithName("createMemory").WithSummary("Create Memory").WithJsonBody(MemoryCreateRequest.Body);
        memories.MapPost("/add-files", AddFilesAsync).WithName("addFilesToMemory").WithSummary("Add Files to Memory").WithJsonBody(AddFilesRequest.Body)
            .WithDescription("Adds a pending sample for each file (idempotent); data is the first file's sample");
        memories.MapDelete("/delete-file", DeleteFileAsync).WithName("deleteFileFromMemory").WithSummary("Delete File from Memory")
            .WithQuery(new QueryParameter("memoryID", "The memory", new() { Type = JsonSchemaType.String }, Required: true),
                new QueryParameter("fileID", "The file to take out of it", new() { Type = JsonSchemaType.String }, Required: true));
        memories.MapPost("/start-ingestion", StartIngestionAsync).WithName("startIngestion").WithSummary("Start Ingestion").WithJsonBody(MemoryIdBody.Body)
            .WithDescription("Queues one durable job over the memory's pending and failed samples");
        memories.MapGet("/get/{id}", GetAsync).WithName("getMemory").WithSummary("Get Memory").WithDescription("Engram extension");
        memories.MapGet("/list", ListAsync).WithName("listMemories").WithSummary("List Memories")
            .WithDescription("Engram extension: the account's memories, newest first").WithListQuery();
        memories.MapDelete("/delete/{id}", DeleteAsync).WithName("deleteMemory").WithSummary("Delete Memory")
            .WithDescription("Engram extension: the memory and everything derived from it; its files stay");
        memories.MapGet("/samples", SamplesAsync).WithName("listSamples").WithSummary("List Samples")
            .WithDescription("Engram extension: a memory's samples, oldest first, with their status, error and tokens")
            .WithListQuery(new QueryFilter("memoryID", "The memory (required)"));
        return routes;
    }

    private static async Task<Results<Created<Success<Memory>>, BadRequest<ApiError>, Conflict<ApiError>>> CreateAsync(
        Caller caller, HttpContext context, MemoryStore store, CancellationToken cancellationToken)
    {
        if (MemoryCreateRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var now = UnixMs.Now();
        var memory = new Memory(request.Id ?? Ids.New(), request.Name, request.Description, request.MemoryType, request.Ontology,
            caller.AccountId, request.ChunkSize, request.ChunkOverlap, request.FactExtraction, request.Acceleration, request.WebhookUrl,
            Step: "select", now, now, Status: "empty", 0, 0, 0, 0);
        return await store.InsertAsync(caller.AccountId, memory, cancellationToken)
            ? TypedResults.Created((string?)null, Success.Of(memory))
            : TypedResults.Conflict(MemoryExists);
    }

    private static async Task<Results<Created<Success<Sample>>, BadRequest<ApiError>, NotFound<ApiError>>> AddFilesAsync(
        Caller caller, HttpContext context, MemoryStore store, CancellationToken cancellationToken)
    {
        if (AddFilesRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var (outcome, first) = await store.AddFilesAsync(caller.AccountId, request.MemoryId, request.Files, cancellationToken);
        return outcome switch
        {
            AddOutcome.Added => TypedResults.Created((string?)null, Success.Of(first!)),
            AddOutcome.MemoryNotFound => TypedResults.NotFound(MemoryNotFound),
            _ => TypedResults.NotFound(FilesApi.FileNotFound),
        };
    }

    private static async Task<Results<Ok<Done>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteFileAsync(
        Caller caller, HttpRequest request, MemoryStore store, CancellationToken cancellationToken)
    {
        if (request.Query.Filter("memoryID") is not { } memoryId)
        {
            return TypedResults.BadRequest(ApiError.BadRequest("memoryID is required"));
        }
        if (request.Query.Filter("fileID") is not { } fileId)
        {
            return TypedResults.BadRequest(ApiError.BadRequest("fileID is required"));
        }
        if (!FieldRules.IsStorableText(memoryId))
        {
            return TypedResults.NotFound(MemoryNotFound); // no record can have such an id
        }
        if (!FieldRules.IsStorableText(fileId))
        {
            return TypedResults.NotFound(FilesApi.FileNotFound);
        }
        return await store.RemoveFileAsync(caller.AccountId, memoryId, fileId, cancellationToken) switch
        {
            AddOutcome.Added => TypedResults.Ok(FileRemoved),
            AddOutcome.MemoryNotFound => TypedResults.NotFound(MemoryNotFound),
            _ => TypedResults.NotFound(FilesApi.FileNotFound),
        };
    }

    private static async Task<IResult> StartIngestionAsync(
        Caller caller, HttpContext context, JobStore jobs, IngestionSignal signal, IOptions<IngestionOptions> options,
        CancellationToken cancellationToken)
    {
        if (MemoryIdBody.TryParse(context, out var memoryId) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var result = await jobs.StartAsync(caller.AccountId, memoryId, options.Value.TokenLimit, cancellationToken);
        switch (result.Outcome)
        {
            case StartOutcome.MemoryNotFound:
                return TypedResults.NotFound(MemoryNotFound);
            case StartOutcome.TokenLimitReached:
                // Every 429 carries Retry-After (§1); the limit does not reset by itself, so an hour is a
                // hint to look again, not a promise.
                context.Response.Headers.RetryAfter = "3600";
                return TokenLimitReached.ToResult(StatusCodes.Status429TooManyRequests);
        }
        signal.JobQueued();
        return TypedResults.Ok(new IngestionStarted("success", "Sample batch processing started",
            new IngestionStartedData(new TokenMetrics(result.TokensForIngestion, result.TokensRemaining, result.TotalTokenLimit), result.SampleCount)));
    }

    private static async Task<Results<Ok<Success<Memory>>, BadRequest<ApiError>, NotFound<ApiError>>> GetAsync(
        string id, Caller caller, MemoryStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.GetAsync(caller.AccountId, id, cancellationToken) is { } memory
            ? TypedResults.Ok(Success.Of(memory))
            : TypedResults.NotFound(MemoryNotFound);
    }

    private static async Task<Results<Ok<Success<MemoryList>>, BadRequest<ApiError>>> ListAsync(
        Caller caller, HttpRequest request, PageTokens tokens, MemoryStore store, CancellationToken cancellationToken)
    {
        if (tokens.ReadRequest(request.Query, Resource.Memories, caller.AccountId, [], out var pageRequest) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var page = await store.ListAsync(caller.AccountId, pageRequest, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Memories, caller.AccountId, []);
        return TypedResults.Ok(Success.Of(new MemoryList(page.Items, next, previous, page.Items.Count)));
    }

    private static async Task<Results<Ok<Deleted>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteAsync(
        string id, Caller caller, MemoryStore store, IndexBudget indexes, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        if (!await store.DeleteAsync(caller.AccountId, id, cancellationToken))
        {
            return TypedResults.NotFound(MemoryNotFound);
        }
        indexes.Forget(caller.AccountId, id);
        return TypedResults.Ok(DeletedMemory);
    }

    private static async Task<Results<Ok<Success<SampleList>>, BadRequest<ApiError>, NotFound<ApiError>>> SamplesAsync(
        Caller caller, HttpRequest request, PageTokens tokens, MemoryStore store, CancellationToken cancellationToken)
    {
        if (request.Query.Filter("memoryID") is not { } memoryId)
        {
            return TypedResults.BadRequest(ApiError.BadRequest("memoryID is required"));
        }
        if (!FieldRules.IsStorableText(memoryId))
        {
            return TypedResults.NotFound(MemoryNotFound);
        }
        string?[] filters = [memoryId];
        if (tokens.ReadRequest(request.Query, Resource.Samples, caller.AccountId, filters, out var pageRequest) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        if (await store.GetAsync(caller.AccountId, memoryId, cancellationToken) is null)
        {
            return TypedResults.NotFound(MemoryNotFound);
        }
        var page = await store.ListSamplesAsync(caller.AccountId, memoryId, pageRequest, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Samples, caller.AccountId, filters);
        return TypedResults.Ok(Success.Of(new SampleList(page.Items, next, previous, page.Items.Count)));
    }
}
