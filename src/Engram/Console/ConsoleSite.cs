using System.Reflection;
using Microsoft.Extensions.FileProviders;

// Not Engram.Console: a namespace of that name would hide System.Console from every Engram.* file.
namespace Engram.WebConsole;

/// The browser console at `/console`: static files embedded in the executable (Console/site),
/// public like /healthz because a page load cannot carry a key. The pages then call the public
/// HTTP API with the key the person typed, kept in the tab's session storage.
internal static class ConsoleSite
{
    public const string Root = "/console";

    /// Scripts and styles only from Engram itself, no inline code, API calls only to Engram
    /// itself (the signed upload URL is on Engram too), and no framing of the console.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    /// Placed before the API key check: `/console` and its files need none.
    public static IApplicationBuilder UseConsole(this IApplicationBuilder app)
    {
        var files = new ManifestEmbeddedFileProvider(Assembly.GetExecutingAssembly(), "Console/site");
        return app.Map(Root, site =>
        {
            site.Use((context, next) =>
            {
                // The page itself is index.html; `/console/` is already `/console` (TrailingSlash).
                if (!context.Request.Path.HasValue || context.Request.Path == "/")
                {
                    context.Request.Path = "/index.html";
                }
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                // The files change with the server, under the same names: revalidate every time
                // (a 304 by ETag / Last-Modified), never a stale script beside a newer page.
                headers.CacheControl = "no-cache";
                return next(context);
            });
            site.UseStaticFiles(new StaticFileOptions { FileProvider = files });
            // Anything else under /console is the contract's 404, not the API key's 401.
            site.Run(context => Errors.ErrorResults.WriteAsync(context, Errors.ApiError.RouteNotFound, StatusCodes.Status404NotFound));
        });
    }
}
