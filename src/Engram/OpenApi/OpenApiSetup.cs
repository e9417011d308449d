using Engram.Json;
using Engram.Sessions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// GET /openapi.json: the framework's generator describes every mapped endpoint from its
/// signature; the transformers here add what the signatures cannot say (see EndpointDocs) and
/// duohub's names for the document, the security scheme and the error bodies.
internal static class OpenApiSetup
{
    public const string Path = "/openapi.json";

    public static IServiceCollection AddContractOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            options.AddSchemaTransformer(WireSchemas.TransformAsync);
            options.AddOperationTransformer(ContractOperations.TransformAsync);
            options.AddDocumentTransformer(ContractDocument.TransformAsync);
        });

    public static IEndpointRouteBuilder MapContractOpenApi(this IEndpointRouteBuilder routes)
    {
        routes.MapOpenApi(Path);
        return routes;
    }
}

/// Schemas for types whose JSON the generator cannot infer.
internal static class WireSchemas
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        // Timestamps go through UtcMillisecondsConverter, which hides their shape from the generator.
        if (type == typeof(DateTime) || type == typeof(DateTime?))
        {
            schema.Type = type == typeof(DateTime) ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
            schema.Format = "date-time";
            schema.Pattern = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";
            schema.Description ??= "UTC, milliseconds: 2024-01-01T00:00:00.000Z";
        }
        // Metadata goes through MetadataConverter, which hides its shape too.
        else if (type == typeof(IReadOnlyList<MetadataItem>))
        {
            schema.Type = JsonSchemaType.Array;
            schema.Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { "key", "value" },
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["key"] = new OpenApiSchema { Type = JsonSchemaType.String },
                    ["value"] = new OpenApiSchema { Type = JsonSchemaType.String },
                },
            };
        }
        // The envelopes' fixed status.
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Success<>) || type == typeof(Deleted))
        {
            if (schema.Properties is { } properties && properties.TryGetValue("status", out var value) && value is OpenApiSchema status)
            {
                status.Enum = ["success"];
            }
        }
        return Task.CompletedTask;
    }
}
