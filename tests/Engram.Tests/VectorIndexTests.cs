using Engram.Retrieval;

namespace Engram.Tests;

/// VectorIndex held to a brute-force reference (plain loops in double, over the vectors rounded
/// to float16 as the index keeps them) on random data, and to its promise that readers never see
/// a half-added row while a writer appends.
public sealed class VectorIndexTests
{
    [Theory]
    [InlineData(1, 17, 300)]
    [InlineData(2, 40, 1_000)]
    [InlineData(3, 384, 5_000)] // past several 1,024-row segments
    [InlineData(4, 64, 4_096)] // exactly four segments
    [InlineData(5, 64, 1_024)] // exactly one
    public void Exact_search_is_the_brute_force_answer(int seed, int dimensions, int rows)
    {
        var random = new Random(seed);
        var (index, vectors) = Filled(random, dimensions, rows);
        for (var q = 0; q < 20; q++)
        {
            var query = UnitVector(random, dimensions);
            var k = random.Next(1, 30);
            var expected = BruteForce(vectors, query, k);
            var exact = index.SearchExact(query, k);
            Assert.Equal(expected.Select(h => h.Id), exact.Select(h => h.Id));
            Assert.All(exact.Zip(expected), p => Assert.Equal(p.Second.Score, p.First.Score, 1e-4f));
        }
    }

    [Theory]
    [InlineData(5, 40, 2_000, false)]
    [InlineData(6, 384, 6_000, false)]
    [InlineData(7, 384, 6_000, true)]
    [InlineData(8, 33, 3_000, true)]
    public void Search_finds_what_exact_search_finds_with_rescored_scores(int seed, int dimensions, int rows, bool clustered)
    {
        var random = new Random(seed);
        var (index, vectors) = Filled(random, dimensions, rows, clustered);
        var found = 0;
        var queries = 50;
        for (var q = 0; q < queries; q++)
        {
            var query = clustered ? Near(random, vectors[random.Next(rows)], 0.3f) : UnitVector(random, dimensions);
            var expected = BruteForce(vectors, query, 10).Select(h => h.Id).ToHashSet();
            var hits = index.Search(query, 10);
            Assert.Equal(10, hits.Count);
            Assert.True(hits.Zip(hits.Skip(1)).All(p => p.First.Score >= p.Second.Score), "best first");
            // Scores come from the rescoring of the float16 copy, not the int8 estimate.
            Assert.All(hits, h => Assert.Equal(Dot(vectors[(int)h.Id], query), h.Score, 1e-4f));
            found += hits.Count(h => expected.Contains(h.Id));
        }
        Assert.True(found >= 0.99 * 10 * queries, $"recall@10 {found / (10.0 * queries)}");
    }

    [Fact]
    public void Remove_hides_an_id_and_Add_replaces_its_vector()
    {
        var random = new Random(9);
        var (index, vectors) = Filled(random, 32, 500);
        Assert.Equal(77, index.Search(vectors[77], 1)[0].Id);

        index.Remove(77);
        index.Remove(77); // a second Remove, or one of an id never added, does nothing
        index.Remove(12345);
        Assert.Equal(499, index.Count);
        Assert.DoesNotContain(index.Search(vectors[77], 500), h => h.Id == 77);

        var moved = UnitVector(random, 32);
        index.Add(78, moved);
        Assert.Equal(499, index.Count);
        var hits = index.Search(moved, 500);
        Assert.Equal(78, hits[0].Id);
        Assert.Single(hits, h => h.Id == 78);
        Assert.Equal(1f, hits[0].Score, 1e-3f); // float16's rounding of the stored copy
        Assert.Equal(499, index.Search(moved, int.MaxValue).Count);
    }

    [Fact]
    public async Task Searches_during_adds_see_only_whole_rows()
    {
        // Every row is the query itself, so any row a reader sees scores 1 unless it was caught
        // half written. 10,000 rows cross two segment boundaries, where the segment array is replaced.
        const int dimensions = 384;
        const int rows = 10_000;
        var query = UnitVector(new Random(10), dimensions);
        var index = new VectorIndex(dimensions);
        var done = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            var searches = 0;
            while (Volatile.Read(ref done) == 0 || searches == 0)
            {
                var before = index.Count;
                var hits = index.Search(query, 20);
                Assert.True(hits.Count >= Math.Min(20, before));
                Assert.All(hits, h => Assert.InRange(h.Score, 1f - 1e-3f, 1f + 1e-3f));
                Assert.All(hits, h => Assert.InRange(h.Id, 0, rows - 1));
                searches++;
            }
        })).ToArray();
        for (var id = 0; id < rows; id++)
        {
            index.Add(id, query);
        }
        Volatile.Write(ref done, 1);
        await Task.WhenAll(readers);
        Assert.Equal(rows, index.Count);
    }

    [Fact]
    public void Rejects_vectors_of_the_wrong_length()
    {
        var index = new VectorIndex(8);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Add(1, new float[7]));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(new float[9], 3));
        Assert.Empty(index.Search(new float[8], 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => new VectorIndex(0));
    }

    private static (VectorIndex Index, float[][] Vectors) Filled(Random random, int dimensions, int rows, bool clustered = false)
    {
        var centres = Enumerable.Range(0, 20).Select(_ => UnitVector(random, dimensions)).ToArray();
        var vectors = new float[rows][];
        var index = new VectorIndex(dimensions);
        for (var id = 0; id < rows; id++)
        {
            var vector = clustered ? Near(random, centres[random.Next(centres.Length)], 0.5f) : UnitVector(random, dimensions);
            index.Add(id, vector);
            vectors[id] = Array.ConvertAll(vector, v => (float)(Half)v); // what the index keeps to rescore with
        }
        return (index, vectors);
    }

    internal static float[] UnitVector(Random random, int dimensions) =>
        Normalised(Enumerable.Range(0, dimensions).Select(_ => Gaussian(random)).ToArray());

    private static float[] Near(Random random, float[] centre, float spread) =>
        Normalised(centre.Select(c => c + spread * Gaussian(random) / MathF.Sqrt(centre.Length)).ToArray());

    private static float Gaussian(Random random) =>
        MathF.Sqrt(-2f * MathF.Log(1f - random.NextSingle())) * MathF.Cos(2f * MathF.PI * random.NextSingle());

    private static float[] Normalised(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static float Dot(float[] a, float[] b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += (double)a[i] * b[i];
        }
        return (float)sum;
    }

    private static List<Scored> BruteForce(float[][] vectors, float[] query, int k) =>
        vectors.Select((v, id) => new Scored(id, Dot(v, query)))
            .OrderByDescending(h => h.Score).ThenBy(h => h.Id).Take(k).ToList();
}
