using System.Text.Json.Nodes;
using Engram.Auth;
using Engram.Validation;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// Per operation: the list query and create body declared in EndpointDocs, the id path
/// parameter's rules, and the error answers that the middleware (not the handler) gives.
internal static class ContractOperations
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
        }
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
