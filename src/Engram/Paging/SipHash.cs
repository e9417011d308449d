using System.Buffers.Binary;
using System.Numerics;

namespace Engram.Paging;

/// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed hash
/// made to authenticate short messages, with a 128-bit key and a 64-bit tag. Held to the
/// reference vectors in SipHashTests.
public static class SipHash
{
    public static ulong Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> message)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(key.Length, 16);
        var k0 = BinaryPrimitives.ReadUInt64LittleEndian(key);
        var k1 = BinaryPrimitives.ReadUInt64LittleEndian(key[8..16]);
        var v0 = k0 ^ 0x736f6d6570736575UL;
        var v1 = k1 ^ 0x646f72616e646f6dUL;
        var v2 = k0 ^ 0x6c7967656e657261UL;
        var v3 = k1 ^ 0x7465646279746573UL;

        var whole = message.Length & ~7;
        for (var i = 0; i < whole; i += 8)
        {
            Compress(BinaryPrimitives.ReadUInt64LittleEndian(message[i..]));
        }
        // The last word holds the leftover bytes and, in its top byte, the message length.
        var last = (ulong)message.Length << 56;
        var tail = message[whole..];
        for (var i = 0; i < tail.Length; i++)
        {
            last |= (ulong)tail[i] << (8 * i);
        }
        Compress(last);

        v2 ^= 0xff;
        Round(); Round(); Round(); Round();
        return v0 ^ v1 ^ v2 ^ v3;

        void Compress(ulong word)
        {
            v3 ^= word;
            Round(); Round();
            v0 ^= word;
        }

        void Round()
        {
            v0 += v1; v1 = BitOperations.RotateLeft(v1, 13); v1 ^= v0; v0 = BitOperations.RotateLeft(v0, 32);
            v2 += v3; v3 = BitOperations.RotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = BitOperations.RotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = BitOperations.RotateLeft(v1, 17); v1 ^= v2; v2 = BitOperations.RotateLeft(v2, 32);
        }
    }
}
