using System.Numerics.Tensors;

namespace Engram.Retrieval;

/// A fixed block of VectorIndex rows: ids, float16 vectors for rescoring, int8 codes and their
/// scales for the coarse pass, and tombstones. Arrays never move or grow, so a reader scanning
/// the first n rows while the writer fills row n+1 reads only finished rows.
/// The rescoring copy is float16, not float32: half the memory (77 MB less at 100,000 rows of
/// 384), and a cosine off by about 1e-4 at most, which moves no rank that rank fusion would see.
internal sealed class VectorSegment(int capacity, int dimensions)
{
    /// What one row holds: its id, tombstone, float16 vector, int8 codes and scale.
    public static long BytesPerRow(int dimensions) => sizeof(long) + sizeof(bool) + dimensions * (2 + 1) + sizeof(float);

    public long[] Ids { get; } = new long[capacity];
    public bool[] Removed { get; } = new bool[capacity];
    private readonly Half[] vectors = new Half[capacity * dimensions];
    private readonly sbyte[] codes = new sbyte[capacity * dimensions];
    private readonly float[] scales = new float[capacity];

    public void Write(int slot, long id, ReadOnlySpan<float> vector)
    {
        Ids[slot] = id;
        Removed[slot] = false;
        TensorPrimitives.ConvertToHalf(vector, vectors.AsSpan(slot * dimensions, dimensions));
        scales[slot] = Int8Codes.Quantise(vector, codes.AsSpan(slot * dimensions, dimensions));
    }

    /// The row's rescoring vector, widened into `into` (the caller's scratch, `dimensions` long).
    public ReadOnlySpan<float> Vector(int slot, Span<float> into)
    {
        TensorPrimitives.ConvertToSingle(vectors.AsSpan(slot * dimensions, dimensions), into);
        return into;
    }

    /// Offers each live row's approximate score (integer dot times the row's scale; the query's
    /// own scale is the same for every row, so it is left out) to best.
    public void Coarse(short[] query, int rows, int firstRow, TopK best)
    {
        var all = codes.AsSpan();
        for (var slot = 0; slot < rows; slot++)
        {
            if (Removed[slot])
            {
                continue;
            }
            var score = Int8Codes.Dot(all.Slice(slot * dimensions, dimensions), query) * scales[slot];
            if (score > best.Threshold)
            {
                best.Offer(score, firstRow + slot);
            }
        }
    }

    public void Exact(ReadOnlySpan<float> query, int rows, int firstRow, TopK best)
    {
        var row = new float[dimensions];
        for (var slot = 0; slot < rows; slot++)
        {
            if (!Removed[slot])
            {
                var score = TensorPrimitives.Dot(Vector(slot, row), query);
                if (score >= best.Threshold)
                {
                    best.Offer(score, firstRow + slot);
                }
            }
        }
    }
}
