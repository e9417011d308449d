namespace Engram.Embeddings;

/// Loads the packaged model once the server has started, so the sessions API answers at once
/// and the first retrieval or ingestion rarely waits for the load.
internal sealed partial class EmbeddingModelLoader(OnnxEmbedder embedder, ILogger<EmbeddingModelLoader> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Yield first: ExecuteAsync runs inside host start until its first await.
        await Task.Yield();
        try
        {
            var took = await embedder.LoadAsync().WaitAsync(stoppingToken);
            LogLoaded(embedder.Model, (long)took.TotalMilliseconds);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model {Model} loaded in {Milliseconds} ms")]
    private partial void LogLoaded(string model, long milliseconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Embedding model {Model} failed to load")]
    private partial void LogFailed(Exception exception, string model);
}
