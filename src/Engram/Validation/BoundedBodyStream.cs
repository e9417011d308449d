namespace Engram.Validation;

/// A request body that may yield at most `maxBytes` bytes: reading past them throws the same
/// 413 exception Kestrel throws for its own limit. Used for a raw body sent without a
/// Content-Length, because Kestrel counts a chunked body's framing (sizes, CRLFs) against its
/// limit, which would refuse a body a few bytes under the limit; this counts the payload only.
internal sealed class BoundedBodyStream(Stream inner, long maxBytes) : Stream
{
    private long _read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Counted(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

    private int Counted(int read)
    {
        _read += read;
        if (_read > maxBytes)
        {
            throw new BadHttpRequestException("Request body too large", StatusCodes.Status413PayloadTooLarge);
        }
        return read;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
