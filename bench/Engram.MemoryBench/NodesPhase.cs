using System.Diagnostics;
using static Engram.MemoryBench.GrowthPhase;

namespace Engram.MemoryBench;

/// PostgreSQL only: ingestion throughput with one `engram serve` on the database, then with two on
/// the same connection string (two nodes, each with its one ingestion worker claiming jobs from
/// the shared queue). Four memories each time, created and started through the nodes in turn,
/// timed from the first start-ingestion until every memory has ended.
internal static class NodesPhase
{
    private const int Memories = 4;

    public static async Task RunAsync(Scale scale)
    {
        Console.WriteLine();
        Console.WriteLine(Invariant($"ingestion on one PostgreSQL, {Memories} memories of {scale.NodeDocuments / Memories} documents of 25,000 characters each time (load average {Scale.LoadAverage()}):"));
        // One node before and after the two: on a shared machine the spread of the two one-node runs says how much to trust the ratio.
        var one = await IngestAsync(scale, nodes: 1, round: 1);
        var two = await IngestAsync(scale, nodes: 2, round: 1);
        var oneAgain = await IngestAsync(scale, nodes: 1, round: 2);
        Console.WriteLine(Invariant($"  two nodes / one node: {two / one:0.00}x against the first one-node run, {two / oneAgain:0.00}x against the second"));
    }

    private static async Task<double> IngestAsync(Scale scale, int nodes, int round)
    {
        var servers = new List<ServerProcess>();
        try
        {
            for (var n = 0; n < nodes; n++)
            {
                servers.Add(await scale.StartAsync($"node-{nodes}-{round}-{n}"));
            }
            var benches = servers.Select(scale.On).ToList();
            // A small ingestion on each node first, so its model load and first JIT are not in the figure.
            foreach (var node in benches)
            {
                var warm = await node.Api.CreateMemoryAsync("node-warm-up");
                await node.Api.AddFilesAsync(warm, [await node.Api.UploadDocumentAsync("node-warm-up.txt", node.Corpus.Document(2_000))]);
                await node.Api.StartIngestionAsync(warm);
                await WaitAsync(node.Api, [warm]);
            }
            var memories = new List<(EngramApi Api, string Memory)>();
            for (var m = 0; m < Memories; m++)
            {
                var node = benches[m % nodes];
                var files = new List<string>();
                for (var d = 0; d < scale.NodeDocuments / Memories; d++)
                {
                    files.Add(await node.Api.UploadDocumentAsync($"node-{nodes}-{round}-{m}-{d}.txt", node.Corpus.Document(25_000)));
                }
                var memory = await node.Api.CreateMemoryAsync($"nodes-{nodes}-{round}-{m}");
                await node.Api.AddFilesAsync(memory, files);
                memories.Add((node.Api, memory));
            }
            var cpu = servers.Select(s => s.CpuTime).ToList();
            var started = Stopwatch.GetTimestamp();
            foreach (var (api, memory) in memories)
            {
                await api.StartIngestionAsync(memory);
            }
            var chunks = await WaitAsync(benches[0].Api, memories.Select(m => m.Memory).ToList());
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var cpuSeconds = string.Join(" + ", servers.Select((s, i) => Invariant($"{(s.CpuTime - cpu[i]).TotalSeconds:0.0}")));
            var rss = string.Join(" / ", servers.Select(s => s.PeakMegabytes()));
            Console.WriteLine(Invariant($"  {nodes} node{(nodes == 1 ? "" : "s")}: {chunks:N0} chunks in {seconds:0.0} s = {chunks / seconds:0.0} chunks/s (server CPU {cpuSeconds} s; peak RSS {rss} MB)"));
            return chunks / seconds;
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
    }

    /// Polls until every memory has ended (any node answers for all); returns their chunks in all.
    private static async Task<long> WaitAsync(EngramApi api, List<string> memories)
    {
        while (true)
        {
            long chunks = 0;
            var ended = 0;
            foreach (var memory in memories)
            {
                var (status, count) = await api.MemoryStatusAsync(memory);
                if (status == "failed")
                {
                    throw new InvalidOperationException($"ingestion of memory {memory} failed");
                }
                ended += status == "success" ? 1 : 0;
                chunks += count;
            }
            if (ended == memories.Count)
            {
                return chunks;
            }
            await Task.Delay(100);
        }
    }
}
