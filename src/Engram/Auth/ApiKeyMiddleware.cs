using Engram.Errors;

namespace Engram.Auth;

/// Every path but the public ones needs `X-API-Key`, and auth is decided before routing or
/// validation: an unknown route without a key is 401, not 404.
internal static class ApiKeyMiddleware
{
    public static readonly string[] PublicPaths = ["/healthz", "/readyz", "/openapi.json"];

    public static IApplicationBuilder UseApiKeys(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsPublic(context.Request))
            {
                await next(context);
                return;
            }
            var key = context.Request.Headers["X-API-Key"].ToString();
            if (string.IsNullOrWhiteSpace(key))
            {
                await ErrorResults.WriteAsync(context, ApiError.KeyRequired, StatusCodes.Status401Unauthorized);
                return;
            }
            var authenticator = context.RequestServices.GetRequiredService<ApiKeyAuthenticator>();
            var account = await authenticator.AuthenticateAsync(key, context.RequestAborted);
            if (account is null)
            {
                await ErrorResults.WriteAsync(context, ApiError.InvalidKey, StatusCodes.Status403Forbidden);
                return;
            }
            context.Features.Set(new Caller(account));
            await next(context);
        });

    /// `GET /healthz`, `/readyz` and `/openapi.json` (and HEAD), and the signed upload PUT; anything else needs a key.
    private static bool IsPublic(HttpRequest request)
    {
        // The upload PUT carries a signature in its URL instead (duohub-py sends it without the key).
        if (HttpMethods.IsPut(request.Method) && request.Path.StartsWithSegments("/files/upload", StringComparison.Ordinal)
            && request.Path.Value!.Length > Files.FilesApi.UploadPathPrefix.Length)
        {
            return true;
        }
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }
        // The docs page and its script: it reads only the public /openapi.json.
        if (request.Path.StartsWithSegments(OpenApi.DocsPage.Path, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        var path = request.Path.Value ?? "/";
        foreach (var publicPath in PublicPaths)
        {
            if (string.Equals(path, publicPath, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }
}
