using Engram.Messages;
using Engram.Sessions;
using Engram.Users;
using Engram.Validation;
using Microsoft.OpenApi;

namespace Engram.OpenApi;

/// The create bodies as OpenAPI schemas, generated from the very field rules that validate
/// them (each request's BodyRules), so the document says what validation does.
internal static class RequestSchemas
{
    public static OpenApiSchema CreateSession() => SessionCreateRequest.Body.Schema();

    public static OpenApiSchema CreateMessage() => MessageCreateRequest.Body.Schema();

    public static OpenApiSchema CreateUser() => UserCreateRequest.Body.Schema();

    /// An id in a path: the same rule as an id in a body.
    public static OpenApiSchema Id(string description) => Field.Id("id", description).Schema();
}
