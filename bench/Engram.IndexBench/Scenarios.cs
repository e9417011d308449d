using System.Diagnostics;
using Engram.Retrieval;

namespace Engram.IndexBench;

/// One printed row each. Every scenario lives in its own method so the index it built is
/// garbage once it returns, and the next one's memory figure starts clean.
internal static class Scenarios
{
    private const int Queries = 300;
    private const int WarmUp = 30;
    private const int K = 10;

    public static void Vector(int size, int dimensions, bool clustered)
    {
        var data = new SyntheticData(size, dimensions);
        var vectors = data.Vectors(size, clustered);
        var asked = Enumerable.Range(0, Queries + WarmUp).Select(_ => data.Query(vectors, clustered)).ToArray();
        var (index, buildMs, indexBytes) = Built(() => BuildVectors(vectors, size, dimensions));
        vectors = null;

        foreach (var query in asked.Take(WarmUp))
        {
            index.Search(query, K);
            index.SearchExact(query, K);
        }
        var quantised = new Latency();
        var exact = new Latency();
        var hits = quantised.Run(asked.Skip(WarmUp), query => index.Search(query, K));
        var truth = exact.Run(asked.Skip(WarmUp), query => index.SearchExact(query, K));
        var found = hits.Zip(truth).Sum(p => p.First.Count(h => p.Second.Any(t => t.Id == h.Id)));
        Console.WriteLine($"{size,11:N0}  {(clustered ? "clustered" : "random"),-9}  {buildMs,8:N0}  {indexBytes / 1e6,8:N0}  {index.EstimatedBytes / 1e6,6:N0}  " +
            $"{quantised,27}  {exact,22}  {found / (double)(Queries * K),9:F3}");
    }

    public static void Lexical(int size, int dimensions)
    {
        var data = new SyntheticData(size, dimensions);
        var texts = Enumerable.Range(0, size).Select(_ => data.Text()).ToArray();
        var asked = Enumerable.Range(0, Queries + WarmUp).Select(_ => data.Question()).ToArray();
        var (index, buildMs, indexBytes) = Built(() => BuildLexical(texts));
        texts = null;
        foreach (var query in asked.Take(WarmUp))
        {
            index.Search(query, K);
        }
        var latency = new Latency();
        var hits = latency.Run(asked.Skip(WarmUp), query => index.Search(query, K)).Sum(h => h.Count);
        Console.WriteLine($"{size,11:N0}  {buildMs,8:N0}  {indexBytes / 1e6,8:N0}  {index.EstimatedBytes / 1e6,6:N0}  {latency,19}  {hits / (double)Queries,10:F1}");
    }

    /// The process's resident memory holding both indexes of one memory at the largest size,
    /// after a full, decommitting GC: the part of the server's RSS the indexes account for.
    public static void Resident(int size, int dimensions)
    {
        var (vectors, lexical) = BothIndexes(size, dimensions);
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Console.WriteLine($"RSS with a {size:N0}-chunk vector index and lexical index alive: {Environment.WorkingSet / 1e6:N0} MB " +
            $"(managed heap {GC.GetTotalMemory(false) / 1e6:N0} MB)");
        GC.KeepAlive(vectors);
        GC.KeepAlive(lexical);
    }

    // Apart from Resident, whose frame (run once, so never optimised) would keep the source
    // vectors alive to its end.
    private static (VectorIndex, LexicalIndex) BothIndexes(int size, int dimensions)
    {
        var data = new SyntheticData(size, dimensions);
        return (BuildVectors(data.Vectors(size, clustered: true), size, dimensions),
            BuildLexical(Enumerable.Range(0, size).Select(_ => data.Text()).ToArray()));
    }

    private static VectorIndex BuildVectors(float[] vectors, int size, int dimensions)
    {
        var index = new VectorIndex(dimensions);
        for (var row = 0; row < size; row++)
        {
            index.Add(row, vectors.AsSpan(row * dimensions, dimensions));
        }
        return index;
    }

    private static LexicalIndex BuildLexical(string[] texts)
    {
        var index = new LexicalIndex(1.2f, 0f);
        for (var row = 0; row < texts.Length; row++)
        {
            index.Add(row, texts[row]);
        }
        return index;
    }

    private static (T Index, long BuildMs, long Bytes) Built<T>(Func<T> build)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var before = GC.GetTotalMemory(true);
        var clock = Stopwatch.StartNew();
        var index = build();
        var buildMs = clock.ElapsedMilliseconds;
        return (index, buildMs, GC.GetTotalMemory(true) - before);
    }
}
