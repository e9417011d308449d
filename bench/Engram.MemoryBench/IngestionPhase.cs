using System.Diagnostics;
using Engram.Embeddings;

namespace Engram.MemoryBench;

/// A real ingestion through the API, timed from start-ingestion to the memory's success, beside
/// the bare embedding of the very chunks it made, in process, the way the worker embeds them
/// (one document's chunks per call).
internal static class IngestionPhase
{
    public sealed record Result(List<StoredChunk> Chunks, List<string> FileIds);

    public static async Task<Result> RunAsync(Bench bench, int documents, int characters, int rounds)
    {
        Console.WriteLine($"ingestion: server RSS at start {bench.Server.PeakMegabytes()} MB (peak)");
        // A small ingestion first, so the server's model load and first JIT are not in the figure.
        var warmFile = await bench.Api.UploadDocumentAsync("warm-up.txt", bench.Corpus.Document(2_000));
        var warmMemory = await bench.Api.CreateMemoryAsync("warm-up");
        await bench.Api.AddFilesAsync(warmMemory, [warmFile]);
        await IngestAsync(bench.Api, warmMemory);
        Console.WriteLine($"  after a first small ingestion (the model loaded): peak RSS {bench.Server.PeakMegabytes()} MB");

        var files = new List<string>();
        for (var i = 0; i < documents; i++)
        {
            files.Add(await bench.Api.UploadDocumentAsync($"report-{i:000}.txt", bench.Corpus.Document(characters)));
        }
        Console.WriteLine($"ingestion: {documents} documents of about {characters:N0} characters uploaded; ingesting (chunkSize 250, overlap 10%)");
        // Rounds of the two, one after the other, each ratio from its own minute: on a shared machine a
        // single pair can land on a quiet and a busy moment and say more about the neighbours than Engram.
        var ratios = new List<double>();
        List<StoredChunk> chunks = [];
        for (var round = 1; round <= rounds; round++)
        {
            var memory = await bench.Api.CreateMemoryAsync($"ingestion-{round}");
            await bench.Api.AddFilesAsync(memory, files);
            var cpu = bench.Server.CpuTime;
            var started = Stopwatch.GetTimestamp();
            var chunkCount = await IngestAsync(bench.Api, memory);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var serverCpu = (bench.Server.CpuTime - cpu).TotalSeconds;
            var ingested = chunkCount / seconds;
            Console.WriteLine($"  round {round}: ingestion through the API {chunkCount,7:N0} chunks in {seconds,6:0.0} s = {ingested,6:0.0} chunks/s (server CPU {serverCpu:0.0} s, {serverCpu / seconds:0.00} cores)");

            chunks = await bench.Database.ChunksAsync(memory);
            var ownCpu = Process.GetCurrentProcess().TotalProcessorTime;
            started = Stopwatch.GetTimestamp();
            foreach (var document in chunks.GroupBy(chunk => chunk.SampleId))
            {
                await bench.Embedder.EmbedDocumentsAsync([.. document.Select(chunk => chunk.Content)], CancellationToken.None);
            }
            seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            var floorCpu = (Process.GetCurrentProcess().TotalProcessorTime - ownCpu).TotalSeconds;
            var floor = chunks.Count / seconds;
            Console.WriteLine($"  round {round}: embedding alone, in process {chunks.Count,7:N0} chunks in {seconds,6:0.0} s = {floor,6:0.0} chunks/s (CPU {floorCpu:0.0} s, {floorCpu / seconds:0.00} cores)");
            ratios.Add(ingested / floor);
        }
        Console.WriteLine($"  server peak RSS after the ingestion {bench.Server.PeakMegabytes()} MB");
        Console.WriteLine($"  ingestion / embedding       {Measure.Percentile([.. ratios.Order()], 0.5):0.00}x, median of {rounds} rounds ({string.Join(", ", ratios.Select(r => r.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))}) (goal >= 0.7x)");
        return new Result(chunks, files);
    }

    /// Starts the memory's ingestion and polls it until it ends; returns its chunk count.
    private static async Task<long> IngestAsync(EngramApi api, string memory)
    {
        await api.StartIngestionAsync(memory);
        while (true)
        {
            var (status, chunks) = await api.MemoryStatusAsync(memory);
            if (status == "success")
            {
                return chunks;
            }
            if (status == "failed")
            {
                throw new InvalidOperationException($"ingestion of memory {memory} failed");
            }
            await Task.Delay(50);
        }
    }
}
