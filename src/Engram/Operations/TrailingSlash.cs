namespace Engram.Operations;

internal static class TrailingSlash
{
    /// `/sessions/list/` is `/sessions/list`: strip trailing slashes before routing sees the path.
    public static IApplicationBuilder UseTrailingSlashAsSameRoute(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value;
            if (path is { Length: > 1 } && path[^1] == '/')
            {
                var trimmed = path.TrimEnd('/');
                context.Request.Path = trimmed.Length == 0 ? "/" : trimmed;
            }
            return next(context);
        });
}
