using Engram.Validation;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// What an endpoint's signature cannot tell the OpenAPI generator, attached where the route is
/// mapped: the list handlers read their query by hand, and the create handlers parse their body
/// by hand (to answer the contract's exact errors), so both are declared here as metadata.
public static class EndpointDocs
{
    /// The list's query: its filters, plus `limit`, `nextToken` and `previousToken` that every list takes.
    public static RouteHandlerBuilder WithListQuery(this RouteHandlerBuilder builder, params QueryFilter[] filters) =>
        builder.WithMetadata(new ListQuery(filters));

    /// Query parameters of an endpoint that is not a list (GET /memory, delete-file); `required` are named first.
    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params QueryParameter[] parameters) =>
        builder.WithMetadata(new PlainQuery(parameters));

    /// The JSON body a create reads; `schema` builds it from the same limits validation uses.
    public static RouteHandlerBuilder WithJsonBody(this RouteHandlerBuilder builder, Func<OpenApiSchema> schema) =>
        builder.WithMetadata(new JsonBodyDoc(schema));

    /// The JSON body a create reads, documented from its own field rules.
    public static RouteHandlerBuilder WithJsonBody(this RouteHandlerBuilder builder, BodyRules body) =>
        builder.WithMetadata(new JsonBodyDoc(body.Schema));
}

public sealed record QueryFilter(string Name, string Description, IReadOnlyList<string>? Values = null);

internal sealed record ListQuery(IReadOnlyList<QueryFilter> Filters);

/// One query parameter and its schema, for WithQuery.
public sealed record QueryParameter(string Name, string Description, OpenApiSchema Schema, bool Required = false);

internal sealed record PlainQuery(IReadOnlyList<QueryParameter> Parameters);

internal sealed record JsonBodyDoc(Func<OpenApiSchema> Schema);

/// Marks an endpoint that takes no API key because its URL is signed (the upload PUT).
public sealed record SignedNotKeyed;
