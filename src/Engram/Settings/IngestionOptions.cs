namespace Engram;

/// `Engram:Ingestion`: turning files and URLs into memories.
public sealed record IngestionOptions
{
    /// Off by default: a URL given by a caller must not reach the server's own network (SSRF).
    public bool AllowPrivateNetworks { get; init; }

    /// Jobs run at once by this process; 0 leaves the jobs to other nodes sharing the database.
    public int Workers { get; init; } = 1;

    /// Tokens an account may ingest in all; null is no limit.
    public long? TokenLimit { get; init; }
}
