using System.Text.Json;
using System.Text.Unicode;
using Engram.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;

namespace Engram.Validation;

internal static class JsonBodyMiddleware
{
    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        MaxDepth = Limits.MaxJsonDepth,
        AllowDuplicateProperties = false, // {"id":"a","id":"b"} is ambiguous: refuse it rather than guess
    };


    /// Parses the body of every request that reached an endpoint, or answers 400 (not JSON,
    /// or not UTF-8) or 413 (over the limit) before the handler runs. Routing's own 405 answer is
    /// left alone: it has no HTTP-method metadata. An endpoint marked AcceptsRawBody gets its
    /// body untouched, with that endpoint's own limit.
    public static IApplicationBuilder UseJsonBody(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            if (endpoint?.Metadata.GetMetadata<IHttpMethodMetadata>() is null)
            {
                await next(context);
                return;
            }
            var raw = endpoint.Metadata.GetMetadata<RawBody>();
            // The limit is per request, set here once the endpoint is known (Kestrel's global
            // limit is only the default for requests that reach none); nothing has read the body yet.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = raw is null ? Limits.MaxBodyBytes : context.Request.ContentLength is null ? null : raw.MaxBytes;
            }
            if (raw is not null && context.Request.ContentLength is null)
            {
                context.Request.Body = new BoundedBodyStream(context.Request.Body, raw.MaxBytes);
            }
            if (raw is not null || context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
            {
                await next(context);
                return;
            }
            // Sized from Content-Length, at most the limit: Kestrel refuses a longer body (the 413
            // below) only once it is read.
            using var buffer = new MemoryStream((int)Math.Min(context.Request.ContentLength ?? 0, Limits.MaxBodyBytes));
            try
            {
                await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            }
            catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
            {
                await ErrorResults.WriteAsync(context, ApiError.BodyTooLarge, StatusCodes.Status413PayloadTooLarge);
                return;
            }
            var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
            if (bytes.Span.StartsWith(Utf8Bom))
            {
                bytes = bytes[Utf8Bom.Length..];
            }
            if (!IsBlank(bytes.Span))
            {
                if (!Utf8.IsValid(bytes.Span) || !TryParse(bytes, out var document))
                {
                    await ErrorResults.WriteAsync(context, ApiError.InvalidJson, StatusCodes.Status400BadRequest);
                    return;
                }
                context.Response.RegisterForDispose(document);
                context.Features.Set(new JsonBody(document.RootElement));
            }
            await next(context);
        });

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool TryParse(ReadOnlyMemory<byte> bytes, out JsonDocument document)
    {
        try
        {
            // The document reads the buffer in place: it is this request's own array, never pooled.
            document = JsonDocument.Parse(bytes, ParseOptions);
            return true;
        }
        catch (JsonException)
        {
            document = null!;
            return false;
        }
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
