using System.Diagnostics;
using static Engram.MemoryBench.GrowthPhase;

namespace Engram.MemoryBench;

/// A restart with everything on disk: the largest memory and the many small ones. The largest is
/// made the most recently updated, so the server's IndexWarmer loads it (and the three newest
/// small ones) in the background at start, as it would a memory in use before a restart. Times
/// from the process's launch to /healthz, to /readyz 200, and to the first answered GET /memory
/// of each shape, asked together the moment /readyz says 200. Returns the running server.
internal static class StartupPhase
{
    public static async Task<ServerProcess> RunAsync(Scale scale, GrowthPhase.Row largest, List<string> many)
    {
        await scale.Bench.Database.SetUpdatedAtAsync(largest.MemoryId, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var server = await scale.StartAsync("restart");
        var healthz = Since(server.LaunchedAt);
        var bench = scale.On(server);
        using (var client = new HttpClient { BaseAddress = server.BaseAddress })
        {
            while (!(await client.GetAsync(new Uri("readyz", UriKind.Relative))).IsSuccessStatusCode)
            {
                await Task.Delay(10);
            }
        }
        var readyz = Since(server.LaunchedAt);
        Console.WriteLine();
        Console.WriteLine(Invariant($"restart with {largest.Chunks:N0} chunks and {many.Count} x {Scale.ManyChunks:N0} on disk (server pid {server.Id}, load average {Scale.LoadAverage()}):"));
        Console.WriteLine(Invariant($"  launch to GET /healthz 200: {healthz:0} ms; to GET /readyz 200: {readyz:0} ms (polled every 20 / 10 ms)"));

        // At /readyz 200, one query on each shape at once: where a caller waits, this is how long.
        (string Name, string Memory)[] shapes =
        [
            ($"{largest.Chunks:N0} chunks, loaded at start by the warmer", largest.MemoryId),
            ($"{Scale.ManyChunks:N0} chunks, newest small (warmer loads it)", many[^1]),
            ($"{Scale.ManyChunks:N0} chunks, oldest small (not warmed)", many[0]),
        ];
        var answered = await Task.WhenAll(shapes.Select(async (shape, i) =>
        {
            var asked = Stopwatch.GetTimestamp();
            await bench.Api.QueryAsync(shape.Memory, bench.Queries[i]);
            return (Own: Stopwatch.GetElapsedTime(asked).TotalMilliseconds, FromLaunch: Since(server.LaunchedAt));
        }));
        for (var i = 0; i < shapes.Length; i++)
        {
            var asked = Stopwatch.GetTimestamp();
            await bench.Api.QueryAsync(shapes[i].Memory, bench.Queries[10 + i]);
            var second = Stopwatch.GetElapsedTime(asked).TotalMilliseconds;
            Console.WriteLine(Invariant($"  first GET /memory, {shapes[i].Name,-48} answered {answered[i].FromLaunch,6:0} ms after launch ({answered[i].Own,6:0} ms its own); the next one {second,5:0} ms"));
        }
        // /readyz does not wait for the model, which EmbeddingModelLoader loads in the background at start.
        var loaded = File.ReadLines(scale.LogFile("restart")).FirstOrDefault(line => line.Contains("Embedding model", StringComparison.Ordinal));
        Console.WriteLine($"  server log: {loaded?.Trim() ?? "(no model load logged)"}");
        Console.WriteLine(Invariant($"  server RSS {server.ResidentMegabytes()} MB, peak {server.PeakMegabytes()} MB"));
        return server;
    }

    private static double Since(long timestamp) => Stopwatch.GetElapsedTime(timestamp).TotalMilliseconds;
}
