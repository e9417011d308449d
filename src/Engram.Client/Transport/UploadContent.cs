using System.Net;
using System.Net.Http.Headers;

namespace Engram.Client;

/// The bytes of an upload, streamed from the caller's stream without taking it over: StreamContent
/// would dispose the stream with the request, and the caller may still need it (or retry with it).
internal sealed class UploadContent : HttpContent
{
    private readonly Stream _stream;

    public UploadContent(Stream stream)
    {
        _stream = stream;
        Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _stream.CopyToAsync(stream, cancellationToken);

    /// A known length lets the server refuse an upload over its limit before reading it.
    protected override bool TryComputeLength(out long length)
    {
        length = _stream.CanSeek ? _stream.Length - _stream.Position : 0;
        return _stream.CanSeek;
    }
}
