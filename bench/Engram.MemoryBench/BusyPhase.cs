using System.Diagnostics;
using static Engram.MemoryBench.GrowthPhase;

namespace Engram.MemoryBench;

/// Retrieval on one memory while another ingests: GET /memory at one connection idle, then the
/// same queries while a real ingestion (upload, create, add-files, start-ingestion) runs on a
/// second memory, each beside the query's embedding in process measured the same way. The goal:
/// p99 busy no more than 2x p99 idle.
internal static class BusyPhase
{
    public static async Task RunAsync(Scale scale, Bench bench, GrowthPhase.Row measured)
    {
        var memory = measured.MemoryId;
        var count = bench.Queries.Length;
        Task Query(int i) => bench.Api.QueryAsync(memory, bench.Queries[i % count]);
        Task Embed(int i) => bench.Embedder.EmbedQueryAsync(bench.Queries[i % count], CancellationToken.None);
        Console.WriteLine();
        Console.WriteLine(Invariant($"retrieval on the {measured.Chunks:N0}-chunk memory while another memory ingests (server pid {bench.Server.Id}, load average {Scale.LoadAverage()}):"));
        await Measure.LatenciesAsync(20, Query); // warm-up, and the index loaded
        var idleEmbed = await Measure.LatenciesAsync(count, Embed);
        var idle = await Measure.LatenciesAsync(count, Query);
        Console.WriteLine(Invariant($"  idle, {count} queries at 1 connection, p50/p99 ms: embed in process {P(idleEmbed)}, GET /memory {P(idle)}"));

        var files = new List<string>();
        for (var d = 0; d < scale.BusyDocuments; d++)
        {
            files.Add(await bench.Api.UploadDocumentAsync($"busy-{d:000}.txt", bench.Corpus.Document(25_000)));
        }
        var ingesting = await bench.Api.CreateMemoryAsync("busy-ingestion");
        await bench.Api.AddFilesAsync(ingesting, files);
        var cpu = bench.Server.CpuTime;
        var started = Stopwatch.GetTimestamp();
        await bench.Api.StartIngestionAsync(ingesting);
        await Task.Delay(1_000); // the job claimed and its first batch under way
        var busy = await Measure.LatenciesAsync(count, Query);
        var (statusAfterQueries, chunksAfterQueries) = await bench.Api.MemoryStatusAsync(ingesting);
        var busyEmbed = await Measure.LatenciesAsync(count, Embed);
        var (statusAfterEmbed, _) = await bench.Api.MemoryStatusAsync(ingesting);
        Console.WriteLine(Invariant($"  while ingesting {scale.BusyDocuments} documents of 25,000 characters, the same queries: embed in process {P(busyEmbed)}, GET /memory {P(busy)}"));
        Console.WriteLine(Invariant($"  ingestion {statusAfterQueries} with {chunksAfterQueries:N0} chunks when the GET /memory queries ended, {statusAfterEmbed} after the embed floor"));
        var p99Ratio = Measure.Percentile(busy, 0.99) / Measure.Percentile(idle, 0.99);
        Console.WriteLine(Invariant($"  GET /memory p99 busy / idle {p99Ratio:0.00}x (goal <= 2x: {(p99Ratio <= 2 ? "met" : "NOT met")}); p50 {Measure.Percentile(busy, 0.5) / Measure.Percentile(idle, 0.5):0.00}x; embed floor p99 busy / idle {Measure.Percentile(busyEmbed, 0.99) / Measure.Percentile(idleEmbed, 0.99):0.00}x"));

        long chunks;
        while (true)
        {
            var (status, done) = await bench.Api.MemoryStatusAsync(ingesting);
            if (status is "success" or "failed")
            {
                chunks = done;
                break;
            }
            await Task.Delay(200);
        }
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        Console.WriteLine(Invariant($"  the ingestion: {chunks:N0} chunks in {seconds:0.0} s = {chunks / seconds:0.0} chunks/s with the queries and floors beside it (server CPU {(bench.Server.CpuTime - cpu).TotalSeconds:0.0} s); server peak RSS {bench.Server.PeakMegabytes()} MB"));
    }
}
