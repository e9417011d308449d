namespace Engram;

/// `Engram:Files`: uploaded files.
public sealed record FilesOptions
{
    public const long DefaultMaxUploadBytes = 100L * 1024 * 1024;

    public long MaxUploadBytes { get; init; } = DefaultMaxUploadBytes;
}
