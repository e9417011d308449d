using Scalar.AspNetCore;

namespace Engram.OpenApi;

/// GET /docs: an interactive API reference (Scalar) over our own `/openapi.json`, public like the
/// document it reads; its script is served from the package, so the page works with no internet.
internal static class DocsPage
{
    public const string Path = "/docs";

    public static IEndpointRouteBuilder MapDocsPage(this IEndpointRouteBuilder routes)
    {
        routes.MapScalarApiReference(Path, options => options.WithTitle("Engram API").WithOpenApiRoutePattern(OpenApiSetup.Path));
        return routes;
    }
}
