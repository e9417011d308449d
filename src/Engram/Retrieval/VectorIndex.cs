using System.Numerics.Tensors;

namespace Engram.Retrieval;

/// Nearest neighbours by cosine (vectors are unit length) over one memory's chunks, in process,
/// because pgvector is not installable here. Two passes: every row's int8 codes against the
/// query's (a quarter of float32's memory traffic), then the best candidates rescored in
/// float32 from a float16 copy of their vectors. Rows live in append-only segments; a writer
/// fills a row and only then publishes the new row count, so readers need no lock and never see
/// a half-written vector.
public sealed class VectorIndex
{
    // 1,024 rows a segment (1.2 MB at 384 dimensions): big enough that the per-segment arrays stay
    // few (98 at 100,000 rows), small enough that a small memory holds little it does not use. At
    // 4,096 rows a 1,000-chunk memory held 4.8 MB for 1.2 MB of vectors, and the memory budget
    // (IndexBudget) counts what is allocated.
    private const int SegmentShift = 10;
    private const int SegmentRows = 1 << SegmentShift;

    /// Candidates the coarse pass hands to rescoring: 4·k, at least 64. Measured in
    /// bench/Engram.IndexBench, this keeps recall@10 vs exact search at 1.00 on random and
    /// clustered 384-d vectors, where k alone loses rows to quantisation error.
    private static int Candidates(int k) => Math.Max(4 * k, 64);

    private readonly int dimensions;
    private readonly Lock writer = new();
    private readonly Dictionary<long, int> rowOf = [];
    private VectorSegment[] segments = [];
    private int published;
    private int live;

    public VectorIndex(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        this.dimensions = dimensions;
    }

    public int Dimensions => dimensions;

    public int Count => Volatile.Read(ref live);

    /// About the bytes this index holds, for IndexBudget: whole segments, as they are
    /// allocated (a 100-row memory holds a 1,024-row segment), and the id map's entries (about
    /// 28 bytes each, one per row written since tombstones keep theirs).
    public long EstimatedBytes =>
        (long)Volatile.Read(ref segments).Length * SegmentRows * VectorSegment.BytesPerRow(dimensions) + 28L * Volatile.Read(ref published);

    /// Adds a vector, or replaces the one id already has. Writers are serialised by a lock, so a
    /// second concurrent writer waits instead of corrupting the segment both would append to.
    public void Add(long id, ReadOnlySpan<float> vector)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(vector.Length, dimensions);
        lock (writer)
        {
            // Hide the old row first: a reader racing a replacement may miss id for a moment,
            // but never sees it twice.
            RemoveLocked(id);
            var row = published;
            if ((row >> SegmentShift) == segments.Length)
            {
                // A new array, not a resized one: readers holding the old array keep a valid view.
                Volatile.Write(ref segments, [.. segments, new VectorSegment(SegmentRows, dimensions)]);
            }
            segments[row >> SegmentShift].Write(row & (SegmentRows - 1), id, vector);
            rowOf[id] = row;
            Volatile.Write(ref published, row + 1);
            // Counted after publishing, so a reader that sees Count n finds at least n rows.
            Volatile.Write(ref live, live + 1);
        }
    }

    /// Hides id from searches; its row stays until the index is rebuilt (the tombstone the
    /// integrator's reload clears).
    public void Remove(long id)
    {
        lock (writer)
        {
            RemoveLocked(id);
        }
    }

    private void RemoveLocked(long id)
    {
        if (rowOf.Remove(id, out var row))
        {
            segments[row >> SegmentShift].Removed[row & (SegmentRows - 1)] = true;
            live--;
        }
    }

    /// The k nearest rows to query by cosine, best first, scores from the float16 copy (within about 1e-4). Safe from any
    /// number of threads at once and alongside Add and Remove.
    public IReadOnlyList<Scored> Search(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(query.Length, dimensions);
        // Rows first, then segments: the writer publishes in the other order, so every row
        // counted here is in a segment seen here.
        var rows = Volatile.Read(ref published);
        var view = Volatile.Read(ref segments);
        if (k <= 0 || rows == 0)
        {
            return [];
        }
        // Heaps are sized by k: a k past the rows must not allocate for rows that do not exist.
        k = Math.Min(k, rows);

        Span<sbyte> codes = dimensions <= 1024 ? stackalloc sbyte[dimensions] : new sbyte[dimensions];
        Int8Codes.Quantise(query, codes);
        var wide = new short[dimensions];
        for (var i = 0; i < dimensions; i++)
        {
            wide[i] = codes[i];
        }

        var coarse = new TopK(Math.Min(Candidates(k), rows));
        for (var s = 0; s * SegmentRows < rows; s++)
        {
            view[s].Coarse(wide, Math.Min(SegmentRows, rows - s * SegmentRows), s << SegmentShift, coarse);
        }

        var exact = new TopK(k);
        Span<float> scratch = dimensions <= 1024 ? stackalloc float[dimensions] : new float[dimensions];
        foreach (var (_, row) in coarse.DrainBestFirst())
        {
            exact.Offer(TensorPrimitives.Dot(view[row >> SegmentShift].Vector(row & (SegmentRows - 1), scratch), query), row);
        }
        return Hits(exact, view);
    }

    /// The exact answer over the stored (float16) vectors against every row: the reference the
    /// tests and the benchmark hold Search to, and the design without int8 codes it is measured against.
    internal IReadOnlyList<Scored> SearchExact(ReadOnlySpan<float> query, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(query.Length, dimensions);
        var rows = Volatile.Read(ref published);
        var view = Volatile.Read(ref segments);
        if (k <= 0 || rows == 0)
        {
            return [];
        }
        var exact = new TopK(Math.Min(k, rows));
        for (var s = 0; s * SegmentRows < rows; s++)
        {
            view[s].Exact(query, Math.Min(SegmentRows, rows - s * SegmentRows), s << SegmentShift, exact);
        }
        return Hits(exact, view);
    }

    private static Scored[] Hits(TopK best, VectorSegment[] view)
    {
        var drained = best.DrainBestFirst();
        var hits = new Scored[drained.Length];
        for (var i = 0; i < drained.Length; i++)
        {
            var (score, row) = drained[i];
            hits[i] = new Scored(view[row >> SegmentShift].Ids[row & (SegmentRows - 1)], score);
        }
        return hits;
    }
}
