namespace Engram.Validation;

/// Endpoint metadata: this endpoint reads its body itself, as raw bytes, up to MaxBytes. The
/// JSON parser leaves such a body alone (nothing is buffered: the handler streams it from
/// Request.Body), and the request's body limit is MaxBytes instead of JSON's 1 MiB.
public sealed record RawBody(long MaxBytes);

public static class RawBodyConvention
{
    /// Reading past `maxBytes` (with or without a Content-Length) throws Kestrel's
    /// BadHttpRequestException, which ErrorHandling answers as the contract's 413. It derives
    /// from IOException: a handler that catches IOException must let it through.
    public static TBuilder AcceptsRawBody<TBuilder>(this TBuilder builder, long maxBytes) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        return builder.WithMetadata(new RawBody(maxBytes));
    }
}
