using System.Security.Cryptography;
using Engram.Auth;
using Engram.Errors;
using Engram.Json;
using Engram.OpenApi;
using Engram.Paging;
using Engram.Storage;
using Engram.Validation;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Engram.Files;

public static class FilesApi
{
    public static readonly ApiError FileNotFound = ApiError.NotFound("File not found");
    public static readonly ApiError FileExists = ApiError.Conflict("File already exists");
    public static readonly ApiError NoUpload = ApiError.BadRequest("No upload found for key");
    public static readonly ApiError UploadUsed = ApiError.Conflict("Upload already used by a file");
    public static readonly ApiError InvalidSignature = new("Invalid upload signature", "forbidden");
    private static readonly Deleted DeletedFile = Deleted.Of("File");

    /// The upload PUT is signed instead of keyed: duohub-py sends the bytes without its API key.
    public const string UploadPathPrefix = "/files/upload/";

    public static IEndpointRouteBuilder MapFiles(this IEndpointRouteBuilder routes)
    {
        var maxUploadBytes = routes.ServiceProvider.GetRequiredService<IOptions<FilesOptions>>().Value.MaxUploadBytes;
        var files = routes.MapGroup("/files").WithTags("Files");
        files.MapPost("/upload", UploadAsync).WithName("getUploadUrl").WithSummary("Get Upload URL").WithJsonBody(UploadRequest.Body)
            .WithDescription("A signed URL on Engram itself to PUT the file's bytes to (no API key needed), valid for an hour");
        files.MapPut("/upload/{**key}", PutAsync).WithName("uploadFile").WithSummary("Upload File Bytes")
            .WithDescription("The raw bytes of the file, to the signed URL from POST /files/upload; no API key")
            .AcceptsRawBody(maxUploadBytes).WithMetadata(new SignedNotKeyed())
            .WithQuery(new QueryParameter("expires", "Unix seconds; from POST /files/upload", new() { Type = JsonSchemaType.Integer }, Required: true),
                new QueryParameter("signature", "Hex HMAC; from POST /files/upload", new() { Type = JsonSchemaType.String }, Required: true));
        files.MapPost("/create", CreateAsync).WithName("createFile").WithSummary("Create File").WithJsonBody(FileCreateRequest.Body);
        files.MapGet("/list", ListAsync).WithName("listFiles").WithSummary("List Files")
            .WithDescription("The account's files, newest first, optionally of one category")
            .WithListQuery(new QueryFilter("category", "audio, video, web, document, other or all (default)", FileTypes.Categories));
        files.MapGet("/get/{id}", GetAsync).WithName("getFile").WithSummary("Get File").WithDescription("Engram extension");
        files.MapDelete("/delete/{id}", DeleteAsync).WithName("deleteFile").WithSummary("Delete File")
            .WithDescription("Engram extension: removes the bytes, the record and everything derived from it in every memory");
        return routes;
    }

    private static async Task<Results<Ok<Success<UploadTicket>>, BadRequest<ApiError>>> UploadAsync(
        Caller caller, HttpContext context, FileStore store, UploadUrls urls, IOptions<EngramUrls> publicUrl, CancellationToken cancellationToken)
    {
        if (UploadRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var extension = FileTypes.ExtensionOf(request.FileName);
        var key = $"{caller.AccountId}/{Guid.CreateVersion7():N}{(extension.Length > 0 ? "." + extension : "")}";
        var now = UnixMs.Now();
        await store.CreateUploadAsync(caller.AccountId, key, now, cancellationToken);
        return TypedResults.Ok(Success.Of(new UploadTicket(urls.UrlFor(publicUrl.Value.BaseOf(context.Request), key, now), key)));
    }

    private static async Task<IResult> PutAsync(HttpContext context, FileStore store, UploadUrls urls, IOptions<FilesOptions> options,
        CancellationToken cancellationToken)
    {
        var key = KeyOf(context);
        var query = context.Request.Query;
        if (key is null || !urls.IsValid(key, query.Last("expires"), query.Last("signature"), UnixMs.Now())
            || !await store.UploadExistsAsync(key, cancellationToken))
        {
            return InvalidSignature.ToResult(StatusCodes.Status403Forbidden);
        }
        if (await store.UploadUsedAsync(key, cancellationToken))
        {
            return UploadUsed.ToResult(StatusCodes.Status409Conflict); // a file's bytes never change under it
        }
        var maxBytes = options.Value.MaxUploadBytes;
        var generation = RandomNumberGenerator.GetInt32(1, int.MaxValue) * (long)int.MaxValue + RandomNumberGenerator.GetInt32(int.MaxValue);
        var buffer = new byte[FileStore.PartBytes];
        long size = 0;
        try
        {
            for (var part = 0; ; part++)
            {
                var filled = await context.Request.Body.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
                if (filled == 0)
                {
                    break;
                }
                size += filled;
                if (size > maxBytes)
                {
                    await store.DiscardPartsAsync(key, generation, CancellationToken.None);
                    return ApiError.BodyTooLarge.ToResult(StatusCodes.Status413PayloadTooLarge);
                }
                await store.WritePartAsync(key, generation, part, buffer, filled, cancellationToken);
                if (filled < buffer.Length)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException or OperationCanceledException)
        {
            // Cut off, or over the server's limit: nothing of this PUT is kept.
            await store.DiscardPartsAsync(key, generation, CancellationToken.None);
            if (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return ApiError.BodyTooLarge.ToResult(StatusCodes.Status413PayloadTooLarge);
            }
            throw;
        }
        await store.CompleteUploadAsync(key, generation, size, cancellationToken);
        return TypedResults.Json(new UploadDone("success"), EngramJson.Default.UploadDone);
    }

    /// The key from the raw request target, segment by segment, so an escaped "/" or "%" in an
    /// account name reads back exactly as it was signed.
    private static string? KeyOf(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var path = target.Split('?', 2)[0];
        if (!path.StartsWith(UploadPathPrefix, StringComparison.Ordinal))
        {
            return null;
        }
        try
        {
            return string.Join('/', path[UploadPathPrefix.Length..].Split('/').Select(Uri.UnescapeDataString));
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static async Task<Results<Created<Success<FileRecord>>, BadRequest<ApiError>, Conflict<ApiError>>> CreateAsync(
        Caller caller, HttpContext context, FileStore store, CancellationToken cancellationToken)
    {
        if (FileCreateRequest.TryParse(context, out var request) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var extension = request.Key is { } key ? FileTypes.ExtensionOf(key) : "";
        var fileType = request.FileType ?? (request.Key is not null ? FileTypes.OfExtension(extension) : "website");
        var now = UnixMs.Now();
        var file = new FileRecord(request.Id ?? Ids.New(), request.Name, extension, fileType, FileTypes.CategoryOf(fileType),
            request.Key, request.ExternalUri, caller.AccountId, caller.AccountId, null, null, null, null, "local", now, now);
        return await store.InsertAsync(caller.AccountId, file, cancellationToken) switch
        {
            FileInsert.Created => TypedResults.Created((string?)null,
                Success.Of(await store.GetAsync(caller.AccountId, file.Id, cancellationToken) ?? file)),
            FileInsert.NoUpload => TypedResults.BadRequest(NoUpload),
            _ => TypedResults.Conflict(FileExists),
        };
    }

    private static async Task<Results<Ok<Success<FileList>>, BadRequest<ApiError>>> ListAsync(
        Caller caller, HttpRequest request, PageTokens tokens, FileStore store, CancellationToken cancellationToken)
    {
        var category = request.Query.Filter("category");
        if (category is not null && !FileTypes.Categories.Contains(category))
        {
            return TypedResults.BadRequest(ApiError.BadRequest(FileTypes.CategoryMessage));
        }
        if (category == "all")
        {
            category = null;
        }
        string?[] filters = [category];
        if (tokens.ReadRequest(request.Query, Resource.Files, caller.AccountId, filters, out var pageRequest) is { } error)
        {
            return TypedResults.BadRequest(error);
        }
        var page = await store.ListAsync(caller.AccountId, category, pageRequest, cancellationToken);
        var (next, previous) = tokens.EncodeLinks(page, Resource.Files, caller.AccountId, filters);
        return TypedResults.Ok(Success.Of(new FileList(page.Items, next, previous, page.Items.Count)));
    }

    private static async Task<Results<Ok<Success<FileRecord>>, BadRequest<ApiError>, NotFound<ApiError>>> GetAsync(
        string id, Caller caller, FileStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.GetAsync(caller.AccountId, id, cancellationToken) is { } file
            ? TypedResults.Ok(Success.Of(file))
            : TypedResults.NotFound(FileNotFound);
    }

    private static async Task<Results<Ok<Deleted>, BadRequest<ApiError>, NotFound<ApiError>>> DeleteAsync(
        string id, Caller caller, FileStore store, CancellationToken cancellationToken)
    {
        if (!FieldRules.IsValidId(id))
        {
            return TypedResults.BadRequest(ApiError.InvalidId);
        }
        return await store.DeleteAsync(caller.AccountId, id, cancellationToken)
            ? TypedResults.Ok(DeletedFile)
            : TypedResults.NotFound(FileNotFound);
    }
}

/// Where this server is reached from outside: `Engram:PublicUrl` when set, else the request's own
/// scheme and host (behind a proxy, set PublicUrl).
public sealed class EngramUrls
{
    public string? PublicUrl { get; set; }

    public string BaseOf(HttpRequest request) => PublicUrl ?? $"{request.Scheme}://{request.Host}";
}
