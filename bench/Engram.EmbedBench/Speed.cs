using System.Diagnostics;
using Engram.Embeddings;

namespace Engram.EmbedBench;

/// What a caller waits: one query end to end, and documents a second when a memory is ingested.
internal static class Speed
{
    public static async Task<(double P50, double P99)> QueryLatencyAsync(IEmbedder embedder, IReadOnlyList<string> queries)
    {
        foreach (var query in queries.Take(10))
        {
            await embedder.EmbedQueryAsync(query, CancellationToken.None); // warm-up
        }
        var milliseconds = new List<double>();
        foreach (var query in queries)
        {
            var started = Stopwatch.GetTimestamp();
            await embedder.EmbedQueryAsync(query, CancellationToken.None);
            milliseconds.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        milliseconds.Sort();
        return (Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.99));
    }

    /// Documents a second, handed over in batches of <paramref name="batch"/> as they arrive
    /// (each batch padded to its longest text), against all at once, which the embedder sorts
    /// by length before batching.
    public static async Task<(double Arrival, double Sorted)> DocumentsPerSecondAsync(IEmbedder embedder, IReadOnlyList<string> texts, int batch)
    {
        var started = Stopwatch.GetTimestamp();
        for (var start = 0; start < texts.Count; start += batch)
        {
            await embedder.EmbedDocumentsAsync([.. texts.Skip(start).Take(batch)], CancellationToken.None);
        }
        var arrival = texts.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        started = Stopwatch.GetTimestamp();
        await embedder.EmbedDocumentsAsync(texts, CancellationToken.None);
        var sorted = texts.Count / Stopwatch.GetElapsedTime(started).TotalSeconds;
        return (arrival, sorted);
    }

    private static double Percentile(List<double> sorted, double share) =>
        sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
