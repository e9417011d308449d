namespace Engram.Operations;

internal static class TrailingSlash
{
    /// `/sessions/list/` is `/sessions/list`: strip trailing slashes before routing sees the path.
    public static IApplicationBuilder UseTrailingSlashAsSameRoute(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            // The docs page redirects /docs to /docs/ so that its script's relative path resolves.
            if (path is { Length: > 1 } && path[^1] == '/' && !context.Request.Path.StartsWithSegments(OpenApi.DocsPage.Path, StringComparison.Ordinal))
            {
                var trimmed = path.TrimEnd('/');
                context.Request.Path = trimmed.Length == 0 ? "/" : trimmed;
            }
            return next(context);
        });
}
