using Engram.Auth;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// The document as a whole, named as duohub names its own: the title, the license, where the
/// API is reached, what each tag holds, and the `APIKeyHeader` security scheme required
/// everywhere except the public operations, which say `security: []` explicitly.
internal static class ContractDocument
{
    public const string SecurityScheme = "APIKeyHeader";

    /// Every tag an endpoint uses (WithTags), described; a tag missing here fails the lint and OpenApiTests.
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Operations"] = "Liveness and readiness probes for load balancers and orchestrators; no key needed",
        ["Sessions"] = "Conversations: create, get, list, end and delete sessions",
        ["Messages"] = "The turns of a session, in order",
        ["Users"] = "The account's end users (customers), by customerUserID",
        ["Files"] = "Documents to remember: a signed upload, then a file record",
        ["Memories"] = "Memories over files and sessions: ingestion, samples, and the graph's entities and facts",
        ["Memory"] = "Retrieval: the parts of a memory relevant to a query",
    };

    public static Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "duohub Retriever API (Engram)",
            Version = "1.0.0",
            Description = "Engram, a self-hosted memory server for voice-AI and chat agents, speaking the duohub Retriever API: "
                + "sessions, messages and end users. Every error is {\"error\": \"<sentence>\", \"status\": \"<code>\"}. "
                + "POST /sessions/end/{id} is Engram's extension.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };
        // The generator takes the server from the request's Host header, which any caller chooses
        // (and which is wrong behind a proxy): the configured public URL, else relative to the document.
        var publicUrl = context.ApplicationServices.GetRequiredService<EngramSettings>().PublicUrl?.TrimEnd('/');
        document.Servers = [new OpenApiServer { Url = string.IsNullOrEmpty(publicUrl) ? "/" : publicUrl }];
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            tag.Description ??= TagDescriptions.GetValueOrDefault(tag.Name ?? "");
        }

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = "X-API-Key",
            Description = "Your API key (engram keys create prints one).",
        };
        // Per operation rather than document-wide: an empty list says "no key" on the public ones,
        // so a reader (and the lint) never has to guess whether a key was forgotten.
        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations ?? [])
            {
                operation.Security = IsPublic(path, method)
                    ? []
                    : [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
            }
        }
        return Task.CompletedTask;
    }

    /// The public paths, and the upload PUT, which is signed in its URL rather than keyed.
    private static bool IsPublic(string path, HttpMethod method) =>
        Array.IndexOf(ApiKeyMiddleware.PublicPaths, path) >= 0
        || (method == HttpMethod.Put && path.StartsWith(Files.FilesApi.UploadPathPrefix, StringComparison.Ordinal));
}
