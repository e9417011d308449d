namespace Engram;

/// `Engram:Retrieval`: searching memories.
public sealed record RetrievalOptions
{
    /// 256 MB: a 100,000-chunk memory's indexes are estimated at about 190 MB (vectors 119, BM25 and
    /// the rest about 70), so it stays loaded with room beside it for a few dozen small memories,
    /// and the server's RSS, model included, stays near the 500 MB (#17).
    public const int DefaultIndexMegabytes = 256;

    /// Megabytes the in-process indexes of all memories may hold (estimated); past it the least
    /// recently queried are dropped, and their next query loads them again.
    public int IndexMegabytes { get; init; } = DefaultIndexMegabytes;
}
