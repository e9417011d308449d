using System.Runtime.InteropServices;

namespace Engram.Ingestion;

/// A vector's bytes in the database: float32, little-endian, packed.
public static class Vectors
{
    public static byte[] ToBytes(float[] vector) => MemoryMarshal.AsBytes(vector.AsSpan()).ToArray();

    public static float[] FromBytes(byte[] bytes) => MemoryMarshal.Cast<byte, float>(bytes).ToArray();
}
