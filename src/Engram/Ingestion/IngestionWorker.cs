using System.Diagnostics;
using Engram.Embeddings;
using Engram.Graph;
using Engram.Operations;
using Engram.Retrieval;
using Engram.Storage;
using Engram.Validation;
using Microsoft.Extensions.Options;

namespace Engram.Ingestion;

/// Claims ingestion jobs from the database and works them, sample by sample: text, chunks, facts
/// (graph memory and factExtraction), embeddings, one transaction per sample. `Workers` jobs run at once in this process.
public sealed partial class IngestionWorker(
    JobStore jobs, SampleText texts, IEmbedder embedder, FactLearning facts, IngestionSignal signal, IOptions<IngestionOptions> options,
    EngramMetrics metrics, ILogger<IngestionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(1);

    /// Messages' samples taken, embedded and stored at once: one model call and one transaction for 32 short turns.
    private const int TurnBatch = 32;

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly StorageOutageLog _outage = new(logger, "Ingestion", "ingestion waits and resumes when storage answers again", "ingestion resumes");

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Workers).Select(_ => Task.Run(() => LoopAsync(stoppingToken), stoppingToken)));

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        // The job this loop was working when storage failed: its lease is given up as soon as storage
        // answers again, so the job resumes at once instead of after the lease's 30 s.
        Job? interrupted = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            Job? job = null;
            try
            {
                if (interrupted is not null)
                {
                    await jobs.ReleaseAsync(interrupted, _owner, stoppingToken);
                    interrupted = null; // at once: once free, this process's other loops may take it
                }
                // Looked for first, claimed only when there: the claim is a write, the look is not.
                var now = UnixMs.Now();
                if (await jobs.AnyClaimableAsync(now, stoppingToken))
                {
                    job = await jobs.ClaimAsync(_owner, now, stoppingToken);
                }
                _outage.Answered();
                if (job is not null)
                {
                    await RunAsync(job, stoppingToken);
                    continue;
                }
                await signal.WaitAsync(Poll, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Storage failed in the work or in the lease's renewal (which cancels the work, and says why).
                var storageFailed = _outage.Failed(e);
                if (storageFailed || e is OperationCanceledException)
                {
                    interrupted ??= job;
                }
                // A lost lease cancels the work; when the renewal lost it to the outage, that was said.
                if (!storageFailed && !(e is OperationCanceledException && _outage.IsOut))
                {
                    LogJobError(e);
                }
                await Task.Delay(Poll, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// A stop (stoppingToken) lets the sample in hand finish and gives the lease up, so no sample's
    /// work is thrown away and the next start resumes the job at once; only a lost lease (held)
    /// interrupts a sample.
    private async Task RunAsync(Job job, CancellationToken stoppingToken)
    {
        using var held = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var renewal = RenewLeaseAsync(job, held);
        try
        {
            var memory = await jobs.SettingsAsync(job, held.Token);
            if (memory is null)
            {
                await jobs.DropAsync(job, held.Token); // the memory was deleted meanwhile
                return;
            }
            var lastProgress = DateTime.MinValue;
            (string Status, long Processed)? ended;
            do
            {
                while (!stoppingToken.IsCancellationRequested && await jobs.NextSamplesAsync(job, TurnBatch, held.Token) is { Count: > 0 } samples)
                {
                    if (samples[0].MessageId is not null && (memory.EmbeddingModel is null || memory.EmbeddingModel == embedder.Model))
                    {
                        await IngestTurnsAsync(job, memory, samples, held.Token);
                    }
                    else
                    {
                        foreach (var sample in samples.TakeWhile(_ => !stoppingToken.IsCancellationRequested))
                        {
                            await IngestAsync(job, memory, sample, held.Token);
                        }
                    }
                    if (UnixMs.Now() - lastProgress >= ProgressEvery)
                    {
                        lastProgress = UnixMs.Now();
                        await jobs.ProgressAsync(job, memory, held.Token);
                    }
                }
                if (stoppingToken.IsCancellationRequested)
                {
                    await jobs.ReleaseAsync(job, _owner, held.Token);
                    return;
                }
                ended = await jobs.FinishAsync(job, _owner, memory, held.Token);
            }
            while (ended is null && !held.IsCancellationRequested && await jobs.RenewAsync(job, _owner, UnixMs.Now(), held.Token));
            if (ended is { } done)
            {
                metrics.JobsEnded.Add(1, new KeyValuePair<string, object?>("status", done.Status));
                metrics.JobDuration.Record(EngramMetrics.Since(started));
                LogJobDone(job.Id, job.MemoryId, done.Status, done.Processed);
            }
        }
        finally
        {
            await held.CancelAsync();
            await renewal;
        }
    }

    private async Task IngestAsync(Job job, MemorySettings memory, SampleWork sample, CancellationToken cancellationToken)
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
    private async Task IngestTurnsAsync(Job job, MemorySettings memory, List<SampleWork> samples, CancellationToken cancellationToken)
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

    /// Renews the job's lease every third of its length; if the lease is lost, stops working the job.
    private async Task RenewLeaseAsync(Job job, CancellationTokenSource held)
    {
        using var timer = new PeriodicTimer(JobStore.Lease / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(held.Token))
            {
                if (!await jobs.RenewAsync(job, _owner, UnixMs.Now(), held.Token))
                {
                    await held.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e)
        {
            // A lease that can no longer be renewed is as good as lost: stop before another node takes the job.
            if (!_outage.Failed(e))
            {
                LogJobError(e);
            }
            await held.CancelAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: a job failed to run; it will be taken again")]
    private partial void LogJobError(Exception error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: reading sample {SampleId} failed")]
    private partial void LogReadError(Exception error, string sampleId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingestion: the embedding model failed on sample {SampleId}")]
    private partial void LogEmbeddingError(Exception error, string sampleId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingestion: job {JobId} of memory {MemoryId} ended {Status} after {Processed} samples")]
    private partial void LogJobDone(string jobId, string memoryId, string status, long processed);
}
