using Engram.Storage;

namespace Engram.Embeddings;

/// Loads the packaged model in the background once the database holds a memory, so the sessions
/// API answers at once, a server that only keeps sessions never pays the model's few hundred MB,
/// and the first retrieval or ingestion rarely waits for the load (it loads the model itself if
/// it comes first).
internal sealed partial class EmbeddingModelLoader(OnnxEmbedder embedder, IStore store, ILogger<EmbeddingModelLoader> logger)
    : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: ExecuteAsync runs inside host start until its first await.
        await Task.Yield();
        try
        {
            while (!await AnyMemoryAsync(stoppingToken))
            {
                await Task.Delay(Poll, stoppingToken);
            }
            var took = await embedder.LoadAsync().WaitAsync(stoppingToken);
            LogLoaded(embedder.Model, (long)took.TotalMilliseconds, embedder.ModelPath ?? "the package's DLL");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped while loading: nothing to report.
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // Callers see the same failure from LoadAsync; the log says it once, at start.
            LogFailed(exception, embedder.Model);
        }
    }

    private async Task<bool> AnyMemoryAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await store.ReadAsync(async db => await db.Command("SELECT COUNT(*) FROM (SELECT 1 FROM memories LIMIT 1) m")
                .ScalarInt64Async(cancellationToken) > 0, cancellationToken);
        }
        catch (System.Data.Common.DbException)
        {
            return false; // storage away for now: look again later
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model {Model} loaded in {Milliseconds} ms from {Source}")]
    private partial void LogLoaded(string model, long milliseconds, string source);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding model {Model} failed to load")]
    private partial void LogFailed(Exception exception, string model);
}
