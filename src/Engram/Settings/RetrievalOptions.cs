namespace Engram;

/// `Engram:Retrieval`: searching memories.
public sealed record RetrievalOptions
{
    /// 256 MB, by measurement (bench/Engram.IndexBench, which prints each index's estimate beside the
    /// heap it really took): a 100,000-chunk memory estimates 122 MB of vectors (measured 124) and
    /// 53 MB of BM25 (measured 57), about 180 MB with its ids, so it stays loaded with room beside it
    /// for a few dozen 1,000-chunk memories (about 3 MB each: a 1,024-row vector segment and BM25); with the model
    /// and the runtime (about 250 MB) that is the 500 MB of RSS (#17).
    public const int DefaultIndexMegabytes = 256;

    /// Megabytes the in-process indexes of all memories may hold (estimated); past it the least
    /// recently queried are dropped, and their next query loads them again.
    public int IndexMegabytes { get; init; } = DefaultIndexMegabytes;
}
