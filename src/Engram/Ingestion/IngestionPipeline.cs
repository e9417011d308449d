using System.Diagnostics;
using Engram.Embeddings;
using Engram.Graph;
using Engram.Operations;
using Engram.Retrieval;
using Engram.Storage;
using Engram.Validation;

namespace Engram.Ingestion;

/// One sample's way into a memory: its text, its chunks, its facts (graph memory and factExtraction)
/// and their embeddings, stored in one transaction; or a batch of messages' turns, stored together.
/// A sample that cannot be read or embedded fails with its reason; storage trouble is thrown, for
/// the worker to wait on (IngestionWorker).
public sealed partial class IngestionPipeline(
    JobStore jobs, SampleText texts, IEmbedder embedder, FactLearning facts, EngramMetrics metrics, ILogger<IngestionPipeline> logger)
{
    /// Messages' samples taken, embedded and stored at once: one model call and one transaction for 32 short turns.
    public const int TurnBatch = 32;

    /// Whether `samples` are messages' turns that go through together (IngestTurnsAsync): a memory whose
    /// vectors come from another model fails them one by one instead (IngestAsync says why).
    public bool TakesTurnsTogether(MemorySettings memory, List<SampleWork> samples) =>
        samples[0].MessageId is not null && (memory.EmbeddingModel is null || memory.EmbeddingModel == embedder.Model);

    public async Task IngestAsync(Job job, MemorySettings memory, SampleWork sample, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var succeeded = await IngestOneAsync(job, memory, sample, cancellationToken);
        metrics.Samples.Add(1, EngramMetrics.Outcome(succeeded));
        metrics.SampleDuration.Record(EngramMetrics.Since(started));
    }

    private async Task<bool> IngestOneAsync(Job job, MemorySettings memory, SampleWork sample, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            if (memory.EmbeddingModel is { } model && model != embedder.Model)
            {
                throw new ExtractionException($"the memory's vectors come from the model {model}, and this server embeds with {embedder.Model}");
            }
            // PDFs carry NULs for glyphs they cannot map, and PostgreSQL refuses a NUL in text.
            text = FieldRules.Storable(await texts.ReadAsync(sample, cancellationToken));
        }
        catch (ExtractionException e)
        {
            await jobs.FailAsync(job, sample, e.Message, cancellationToken);
            return false;
        }
        catch (Exception e) when (e is not (OperationCanceledException or System.Data.Common.DbException) && StorageFaults.Of(e) is null)
        {
            // A reader that broke on hostile input fails this sample only; storage trouble (above) retries the job.
            LogReadError(e, sample.SampleId);
            await jobs.FailAsync(job, sample, "the file could not be read", cancellationToken);
            return false;
        }
        var pieces = Chunker.Split(text, memory.ChunkSize, memory.ChunkOverlap);
        var graph = memory.LearnsFacts && text.Length > 0
            ? await facts.ExtractAsync(new ExtractionInput(text, null, null, memory.Ontology, "document"), sample.SampleId, cancellationToken)
            : ExtractedGraph.Empty;
        float[][] vectors;
        try
        {
            // The facts are embedded with the chunks, in one call to the model.
            List<string> inputs = [.. pieces, .. graph.Facts.Select(fact => fact.Content)];
            vectors = inputs.Count == 0 ? [] : await EmbedAsync(inputs, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEmbeddingError(e, sample.SampleId);
            await jobs.FailAsync(job, sample, $"the embedding model failed: {e.Message}", cancellationToken);
            return false;
        }
        var chunks = new Chunk[pieces.Count];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = new Chunk(i, pieces[i], null, vectors[i]);
        }
        await jobs.SucceedAsync(job, new Ingested(sample, chunks, text.Length, TokenCounter.Count(text), FactLearning.Embedded(graph, vectors, pieces.Count)),
            embedder.Model, embedder.Dimensions, cancellationToken);
        return true;
    }

    private async Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var vectors = await embedder.EmbedDocumentsAsync(texts, cancellationToken);
        metrics.EmbeddingDuration.Record(EngramMetrics.Since(started));
        return vectors;
    }

    /// A message is one short chunk: its speaker, its date and its words, relative times resolved
    /// (ConversationText), dated at the message's time. The lexical index reads it between its neighbours,
    /// assembled as the index loads (ConversationWindows), so a turn stores no window of its own.
    /// A message deleted meanwhile leaves nothing. Facts are learnt message by message, with the speaker and
    /// the message's time, and embedded after the turns in the same model call.
    public async Task IngestTurnsAsync(Job job, MemorySettings memory, List<SampleWork> samples, CancellationToken cancellationToken)
    {
        var texts = new List<string>(samples.Count);
        var graphs = new List<ExtractedGraph>(samples.Count);
        foreach (var sample in samples)
        {
            if (sample.Turn is { } turn)
            {
                texts.Add(ConversationText.Render(turn.Role, turn.Content, turn.CreatedAt));
                var (speaker, words) = ConversationText.Split(turn.Role, turn.Content);
                graphs.Add(memory.LearnsFacts
                    ? await facts.ExtractAsync(new ExtractionInput(words, speaker, turn.CreatedAt, memory.Ontology, turn.Role == "user" ? "human" : "ai"),
                        sample.SampleId, cancellationToken)
                    : ExtractedGraph.Empty);
            }
        }
        float[][] vectors;
        try
        {
            List<string> inputs = [.. texts, .. graphs.SelectMany(graph => graph.Facts.Select(fact => fact.Content))];
            vectors = inputs.Count == 0 ? [] : await EmbedAsync(inputs, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEmbeddingError(e, samples[0].SampleId);
            foreach (var sample in samples)
            {
                await jobs.FailAsync(job, sample, $"the embedding model failed: {e.Message}", cancellationToken);
            }
            metrics.Samples.Add(samples.Count, EngramMetrics.Outcome(false));
            return;
        }
        var ingested = new List<Ingested>(samples.Count);
        var next = 0;
        var nextFact = texts.Count;
        foreach (var sample in samples)
        {
            if (sample.Turn is not { } turn)
            {
                ingested.Add(new Ingested(sample, [], 0, 0));
                continue;
            }
            var graph = FactLearning.Embedded(graphs[next], vectors, nextFact);
            nextFact += graphs[next].Facts.Count;
            ingested.Add(new Ingested(sample, [new Chunk(0, texts[next], turn.CreatedAt, vectors[next])], turn.Content.Length,
                TokenCounter.Count(turn.Content), graph));
            next++;
        }
        await jobs.SucceedAllAsync(job, ingested, embedder.Model, embedder.Dimensions, cancellationToken);
        metrics.Samples.Add(samples.Count, EngramMetrics.Outcome(true));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: reading sample {SampleId} failed")]
    private partial void LogReadError(Exception error, string sampleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: the embedding model failed on sample {SampleId}")]
    private partial void LogEmbeddingError(Exception error, string sampleId);
}
