using Engram.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// The document as a whole, named as duohub names its own: the title, and the `APIKeyHeader`
/// security scheme required everywhere except the public paths.
internal static class ContractDocument
{
    public const string SecurityScheme = "APIKeyHeader";

    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "duohub Retriever API (Engram)",
            Version = "1.0.0",
            Description = "Engram, a self-hosted memory server for voice-AI and chat agents, speaking the duohub Retriever API: "
                + "sessions, messages and end users. Every error is {\"error\": \"<sentence>\", \"status\": \"<code>\"}. "
                + "POST /sessions/end/{id} is Engram's extension.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "Your API key (engram keys create prints one).",
        };
        // Per operation rather than document-wide, so the public paths need no empty override.
        foreach (var (path, item) in document.Paths)
        {
            if (Array.IndexOf(ApiKeyMiddleware.PublicPaths, path) >= 0)
            {
                continue;
            }
            foreach (var (method, operation) in item.Operations ?? [])
            {
                if (method == HttpMethod.Put && path.StartsWith(Files.FilesApi.UploadPathPrefix, StringComparison.Ordinal))
                {
                    operation.Security = []; // the upload PUT is signed in its URL, not keyed
                    continue;
                }
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
            }
        }
        return Task.CompletedTask;
    }
}
