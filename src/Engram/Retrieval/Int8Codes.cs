using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Engram.Retrieval;

/// Vectors quantised to one signed byte per dimension, with one scale per vector: the first,
/// coarse pass of VectorIndex reads a quarter of the memory float32 would, and the scan over
/// 100k rows is bound by memory, not arithmetic. v[i] ≈ code[i] · scale.
internal static class Int8Codes
{
    /// Writes vector's codes and returns its scale. ±127 (not -128) so that the sum of two
    /// products in MultiplyAddAdjacent can never overflow.
    public static float Quantise(ReadOnlySpan<float> vector, Span<sbyte> codes)
    {
        var largest = 0f;
        foreach (var v in vector)
        {
            largest = MathF.Max(largest, MathF.Abs(v));
        }
        if (largest == 0f || !float.IsFinite(largest))
        {
            codes.Clear();
            return 0f;
        }
        var scale = largest / 127f;
        for (var i = 0; i < vector.Length; i++)
        {
            codes[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / scale), -127f, 127f);
        }
        return scale;
    }

    /// Σ row[i]·query[i] in exact integer arithmetic. The query's codes come widened to 16 bits
    /// once per search, so each row costs one sign-extending load, one multiply-add of pairs
    /// (vpmaddwd) and one add per 32 (AVX-512) or 16 (AVX2) dimensions.
    public static int Dot(ReadOnlySpan<sbyte> row, ReadOnlySpan<short> query)
    {
        ref var r = ref MemoryMarshal.GetReference(row);
        ref var q = ref MemoryMarshal.GetReference(query);
        var n = row.Length;
        var i = 0;
        var sum = 0;
        if (Avx512BW.IsSupported && n >= 32)
        {
            var acc = Vector512<int>.Zero;
            for (; i <= n - 32; i += 32)
            {
                var wide = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)i));
                acc += Avx512BW.MultiplyAddAdjacent(wide, Vector512.LoadUnsafe(ref q, (nuint)i));
            }
            sum = Vector512.Sum(acc);
        }
        else if (Avx2.IsSupported && n >= 16)
        {
            var acc = Vector256<int>.Zero;
            for (; i <= n - 16; i += 16)
            {
                var wide = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i));
                acc += Avx2.MultiplyAddAdjacent(wide, Vector256.LoadUnsafe(ref q, (nuint)i));
            }
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref r, i) * Unsafe.Add(ref q, i);
        }
        return sum;
    }
}
