using System.Text.Json;
using Engram.Errors;
using Microsoft.AspNetCore.Http.Features;

namespace Engram.Validation;

/// The request body, parsed once. The contract rejects a non-empty body that is not JSON on
/// every endpoint, so the API groups run this filter before any handler; create handlers then
/// read their fields from the parsed document. An empty body is no document (`{}` to a create).
public sealed class JsonBody
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = Limits.MaxJsonDepth,
        AllowDuplicateProperties = false, // {"id":"a","id":"b"} is ambiguous: refuse it rather than guess
    };

    public static readonly JsonBody Empty = new(null);

    private JsonBody(JsonElement? root) => Root = root;

    public JsonElement? Root { get; }

    public static JsonBody Of(HttpContext context) => context.Features.Get<JsonBody>() ?? Empty;

    /// Endpoint filter: parse the body, or answer 400 (not JSON) or 413 (over the limit).
    public static async ValueTask<object?> ParseFilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
        {
            return await next(invocation);
        }
        using var buffer = new MemoryStream();
        try
        {
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return ApiError.BodyTooLarge.ToResult(StatusCodes.Status413PayloadTooLarge);
        }
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (IsBlank(bytes.Span))
        {
            return await next(invocation);
        }
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), ParseOptions);
        }
        catch (JsonException)
        {
            return ApiError.InvalidJson.ToResult(StatusCodes.Status400BadRequest);
        }
        context.Response.RegisterForDispose(document);
        context.Features.Set(new JsonBody(document.RootElement));
        return await next(invocation);
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }
        return true;
    }
}
