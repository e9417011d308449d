using System.Text.Json.Nodes;
using Engram.Auth;
using Engram.Validation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// Per operation: the list query and create body declared in EndpointDocs, the id path
/// parameter's rules, and the error answers that the middleware (not the handler) gives.
internal static partial class ContractOperations
{
    public static Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var item in metadata)
        {
            switch (item)
            {
                case ListQuery list:
                    operation.Parameters ??= [];
                    foreach (var filter in list.Filters)
                    {
                        operation.Parameters.Add(Query(filter.Name, filter.Description, Filter(filter)));
                    }
                    operation.Parameters.Add(Query("limit", "Maximum number of items to return", new OpenApiSchema
                    {
                        Type = JsonSchemaType.Integer,
                        Default = Limits.DefaultPageSize,
                        Minimum = "1",
                        Maximum = Limits.MaxPageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }));
                    operation.Parameters.Add(Query("nextToken", "Token for getting the next page of results; not with previousToken", Token()));
                    operation.Parameters.Add(Query("previousToken", "Token for getting the previous page of results; not with nextToken", Token()));
                    break;
                case PlainQuery plain:
                    operation.Parameters ??= [];
                    foreach (var parameter in plain.Parameters)
                    {
                        operation.Parameters.Add(new OpenApiParameter
                        {
                            Name = parameter.Name, In = ParameterLocation.Query, Required = parameter.Required,
                            Description = parameter.Description, Schema = parameter.Schema,
                        });
                    }
                    break;
                case JsonBodyDoc body:
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = false, // an empty body is {}
                        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body.Schema() } },
                    };
                    break;
                case RawBody:
                    operation.RequestBody = new OpenApiRequestBody
                    {
                        Required = true,
                        Content = new Dictionary<string, OpenApiMediaType>
                        {
                            ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        },
                    };
                    break;
            }
        }
        foreach (var parameter in operation.Parameters ?? [])
        {
            if (parameter is OpenApiParameter { In: ParameterLocation.Path, Name: "id" } id)
            {
                id.Schema = RequestSchemas.Id("The record's id");
            }
        }
        AddUnboundPathParameters(operation, context.Description.RelativePath ?? "");

        var error = new OpenApiSchemaReference("ApiError", context.Document);
        operation.Responses ??= [];
        if (metadata.OfType<SignedNotKeyed>().Any())
        {
            Add(operation, "403", "Forbidden: a missing, altered or expired signature (Invalid upload signature)", error);
            Add(operation, "409", "Conflict: a file record already uses the key (Upload already used by a file)", error);
        }
        else if (Array.IndexOf(ApiKeyMiddleware.PublicPaths, "/" + context.Description.RelativePath) < 0)
        {
            Add(operation, "401", "Unauthorized: no X-API-Key (API key is required)", error);
            Add(operation, "403", "Forbidden: unknown or revoked key (Invalid API key)", error);
            // The rate limit counts per key, so only keyed requests meet it (KeyRateLimit).
            Add(operation, "429", "Too many requests: over Engram:RateLimit for this key; Retry-After says when to retry", error);
            if (operation.Responses["429"] is OpenApiResponse limited)
            {
                limited.Headers ??= new Dictionary<string, IOpenApiHeader>();
                limited.Headers["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } };
            }
        }
        // OpenAPI has no place for a path's answer to a method it lacks, so each operation of the
        // path carries it: any other method on this path is 405 (after the key, on a keyed path).
        Add(operation, "405", "Method not allowed: this path called with a method it does not have", error);
        if (context.Description.HttpMethod is "POST")
        {
            Add(operation, "400", "Bad Request", error);
        }
        if (context.Description.HttpMethod is "POST" || metadata.OfType<RawBody>().Any())
        {
            Add(operation, "413", "Request body too large", error);
        }
        Add(operation, "500", "Internal server error", error);
        return Task.CompletedTask;
    }

    /// A path parameter the handler reads from the raw target itself (the upload's `{**key}`) is
    /// not in its signature, so the generator leaves it out; the path still names it.
    private static void AddUnboundPathParameters(OpenApiOperation operation, string relativePath)
    {
        foreach (System.Text.RegularExpressions.Match match in PathParameter().Matches(relativePath))
        {
            var name = match.Groups[1].Value;
            if ((operation.Parameters ?? []).Any(p => p.In == ParameterLocation.Path && p.Name == name))
            {
                continue;
            }
            (operation.Parameters ??= []).Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Path, Required = true,
                Description = "The key from POST /files/upload, as given there", Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\{\*{0,2}([A-Za-z0-9_]+)[^}]*\}")]
    private static partial System.Text.RegularExpressions.Regex PathParameter();

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Required = false, Description = description, Schema = schema };

    private static OpenApiSchema Token() => new() { Type = JsonSchemaType.String, MaxLength = Limits.MaxPageTokenLength, Pattern = "^[A-Za-z0-9_-]+$" };

    private static OpenApiSchema Filter(QueryFilter filter) => new()
    {
        Type = JsonSchemaType.String,
        Enum = filter.Values is null ? null : [.. filter.Values.Select(v => (JsonNode)JsonValue.Create(v))],
    };

    private static void Add(OpenApiOperation operation, string status, string description, IOpenApiSchema schema) =>
        operation.Responses!.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
        });
}
