using Engram.Retrieval;

namespace Engram.Tests;

/// The SIMD integer dot product against a plain loop, over lengths that leave every kind of tail.
public sealed class Int8CodesTests
{
    [Fact]
    public void Dot_matches_a_plain_loop_for_any_length_and_values()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 500; trial++)
        {
            var length = random.Next(0, 200);
            var row = new sbyte[length];
            var query = new short[length];
            var expected = 0;
            for (var i = 0; i < length; i++)
            {
                // The extremes most of the time: overflow, if any, shows there.
                row[i] = (sbyte)(random.Next(3) == 0 ? random.Next(-127, 128) : (random.Next(2) == 0 ? -127 : 127));
                query[i] = (short)(random.Next(3) == 0 ? random.Next(-127, 128) : (random.Next(2) == 0 ? -127 : 127));
                expected += row[i] * query[i];
            }
            Assert.Equal(expected, Int8Codes.Dot(row, query));
        }
    }

    [Fact]
    public void Quantise_keeps_each_value_within_half_a_step()
    {
        var random = new Random(12);
        for (var trial = 0; trial < 100; trial++)
        {
            var vector = VectorIndexTests.UnitVector(random, random.Next(1, 400));
            var codes = new sbyte[vector.Length];
            var scale = Int8Codes.Quantise(vector, codes);
            Assert.All(vector.Zip(codes), p => Assert.InRange(p.First - p.Second * scale, -scale / 2 - 1e-6f, scale / 2 + 1e-6f));
            Assert.Contains(codes, c => Math.Abs(c) == 127);
        }
        var zeros = new sbyte[4];
        Assert.Equal(0f, Int8Codes.Quantise(new float[4], zeros));
    }
}
