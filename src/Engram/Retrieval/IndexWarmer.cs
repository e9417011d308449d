using Engram.Embeddings;
using Engram.Graph;
using Engram.Operations;
using Engram.Storage;

namespace Engram.Retrieval;

/// Loads the indexes of the most recently updated memories (their chunks', and the facts' of a graph
/// or fact-extracting memory) in the background after start, so the first query after a restart does
/// not pay the load (6–9 s for 100,000 chunks, most of it BM25's tokenising). A query that comes during the load waits for the same load, never a second one.
/// Only a few memories: a memory nobody queries should not hold a node's memory for nothing.
/// The pass ends by waiting for the packaged model (`model`, null when an endpoint embeds) when the
/// database holds a memory; then `warmup` says so, for `/readyz?warm=true`.
internal sealed partial class IndexWarmer(IStore store, MemoryIndexes indexes, GraphIndexes facts, Warmup warmup, ILogger<IndexWarmer> logger,
    OnnxEmbedder? model = null) : BackgroundService
{
    private const int Memories = 4;

    /// `LearnsFacts`: a graph memory, or one with factExtraction, whose queries also search its fact index.
    private sealed record Ingested(string Account, string MemoryId, long CreatedAt, int Dimensions, long IndexVersion, long RemovalVersion,
        bool LearnsFacts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: ExecuteAsync runs inside host start until its first await.
        await Task.Yield();
        try
        {
            foreach (var memory in await RecentAsync(stoppingToken))
            {
                if (memory.Dimensions <= 0)
                {
                    continue;
                }
                // Taken and let go at once: the load is the point, and the budget may drop it again later.
                (await indexes.CurrentAsync(memory.Account, memory.MemoryId, memory.CreatedAt, memory.Dimensions, memory.IndexVersion,
                    memory.RemovalVersion, stoppingToken)).Dispose();
                if (memory.LearnsFacts)
                {
                    (await facts.CurrentAsync(memory.Account, memory.MemoryId, memory.CreatedAt, memory.Dimensions, memory.IndexVersion,
                        memory.RemovalVersion, stoppingToken)).Dispose();
                }
            }
            if (model is not null && await AnyMemoryAsync(stoppingToken))
            {
                await ModelLoadedAsync(model, stoppingToken);
            }
            warmup.Done();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Storage away for now, say: the first query loads its memory's index itself. Warming is
            // best effort, so nothing here may stop the host (a background service's throw would) or
            // hold warm readiness at 503: it falls back to plain readiness, which checks storage.
            LogWarmFailed(e);
            warmup.Done();
        }
    }

    /// The same load EmbeddingModelLoader starts (LoadAsync runs it once). A model that fails to load
    /// is logged there, and queries rank by words alone: waiting longer would not make it ready.
    private static async Task ModelLoadedAsync(OnnxEmbedder model, CancellationToken cancellationToken)
    {
        try
        {
            await model.LoadAsync().WaitAsync(cancellationToken);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
        }
    }

    private Task<bool> AnyMemoryAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(async db => await db.Command("SELECT COUNT(*) FROM (SELECT 1 FROM memories LIMIT 1) m")
            .ScalarInt64Async(cancellationToken) > 0, cancellationToken);

    private Task<List<Ingested>> RecentAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var recent = new List<Ingested>();
            await using var reader = await db.Command($"""
                SELECT account_id, id, created_at, embedding_dimensions, index_version, removal_version, memory_type, fact_extraction FROM memories
                WHERE embedding_model IS NOT NULL ORDER BY updated_at DESC LIMIT {Memories}
                """).ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                recent.Add(new Ingested(reader.GetString(0), reader.GetString(1), reader.GetInt64(2),
                    reader.IsDBNull(3) ? 0 : (int)reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5),
                    reader.GetString(6) == "graph" || reader.GetBoolean(7)));
            }
            return recent;
        }, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retrieval: loading the indexes of recent memories failed; queries load them")]
    private partial void LogWarmFailed(Exception error);
}
