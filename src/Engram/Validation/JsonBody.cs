using System.Text.Json;

namespace Engram.Validation;

/// The request body, parsed once. The contract rejects a non-empty body that is not JSON on
/// every endpoint, so a middleware parses it before any handler runs; create handlers then read
/// their fields from the parsed document. An empty body is no document (`{}` to a create).
public sealed class JsonBody
{
    public static readonly JsonBody Empty = new(null);

    internal JsonBody(JsonElement? root) => Root = root;

    public JsonElement? Root { get; }

    public static JsonBody Of(HttpContext context) => context.Features.Get<JsonBody>() ?? Empty;
}
