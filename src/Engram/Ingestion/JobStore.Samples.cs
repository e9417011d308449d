using Engram.Storage;
using Engram.Webhooks;

namespace Engram.Ingestion;

/// A sample's outcome, stored: its chunks and facts with the job's progress in one transaction, or its failure with the reason.
public sealed partial class JobStore
{
    /// Stores a sample's chunks and facts and marks it done, in one transaction. A sample removed meanwhile
    /// (its file deleted, or taken out of the memory) stores nothing. Chunks and facts the sample had from an
    /// earlier, interrupted run are replaced, so a redone sample never doubles them.
    public Task SucceedAsync(Job job, Ingested ingested, string model, int dimensions, CancellationToken cancellationToken) =>
        store.WriteAsync(db => StoreAsync(db, job, ingested, model, dimensions, cancellationToken), cancellationToken);

    /// SucceedAsync for a batch of samples (a conversation's turns), in one transaction.
    public Task SucceedAllAsync(Job job, IReadOnlyList<Ingested> samples, string model, int dimensions, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            foreach (var sample in samples)
            {
                await StoreAsync(db, job, sample, model, dimensions, cancellationToken);
            }
            return samples.Count;
        }, cancellationToken);

    private static async Task<int> StoreAsync(ISqlConnection db, Job job, Ingested ingested, string model, int dimensions,
        CancellationToken cancellationToken)
    {
        var (sample, chunks, length, tokens, graph) = ingested;
        if (sample.MessageId is not null && sample.Turn is null)
        {
            // Its message was deleted after the live feed made the sample (on PostgreSQL the feed's insert
            // and the delete can cross): the sample goes, as the delete would have taken it.
            await Memories.SampleRemoval.RemoveSamplesAsync(db, job.AccountId, "id = @sample", command => command.With("@sample", sample.SampleId),
                cancellationToken);
            return await AdvanceAsync(db, job, failed: false, cancellationToken);
        }
        var now = UnixMs.From(UnixMs.Now());
        // First, so that on PostgreSQL this write and any removal of the memory's samples queue on the memory's row.
        await db.Command("""
            UPDATE memories SET index_version = index_version + 1, updated_at = @at,
                embedding_model = COALESCE(embedding_model, @model), embedding_dimensions = COALESCE(embedding_dimensions, @dimensions)
            WHERE account_id = @account AND id = @memory
            """).With("@at", now).With("@model", model).With("@dimensions", dimensions).With("@account", job.AccountId)
            .With("@memory", job.MemoryId).ExecuteNonQueryAsync(cancellationToken);
        var marked = await db.Command("""
            UPDATE samples SET status = 'success', error = NULL, tokens = @tokens, updated_at = @at WHERE account_id = @account AND id = @id
            """).With("@tokens", tokens).With("@at", now).With("@account", job.AccountId).With("@id", sample.SampleId)
            .ExecuteNonQueryAsync(cancellationToken);
        if (marked == 0)
        {
            return 0;
        }
        await db.Command("DELETE FROM chunks WHERE account_id = @account AND sample_id = @sample")
            .With("@account", job.AccountId).With("@sample", sample.SampleId).ExecuteNonQueryAsync(cancellationToken);
        // The bulk path: many rows, one statement text (prepared once on SQLite), one transaction.
        foreach (var chunk in chunks)
        {
            await db.Command("""
                INSERT INTO chunks (account_id, memory_id, sample_id, ordinal, content, dated_at, vector, search_text)
                VALUES (@account, @memory, @sample, @ordinal, @content, @dated, @vector, @search)
                """).With("@account", job.AccountId).With("@memory", job.MemoryId).With("@sample", sample.SampleId)
                .With("@ordinal", chunk.Ordinal).With("@content", chunk.Content).With("@dated", chunk.DatedAt is { } d ? UnixMs.From(d) : null)
                .With("@vector", Vectors.ToBytes(chunk.Vector)).With("@search", chunk.SearchText).ExecuteNonQueryAsync(cancellationToken);
        }
        await Graph.GraphWrites.StoreAsync(db, job.AccountId, job.MemoryId, sample.SampleId, graph ?? Graph.EmbeddedGraph.Empty, cancellationToken);
        if (sample.FileId is { } fileId)
        {
            await Files.FileStore.SetMeasuresAsync(db, job.AccountId, fileId, length, tokens, cancellationToken);
        }
        return await AdvanceAsync(db, job, failed: false, cancellationToken);
    }

    public Task FailAsync(Job job, SampleWork sample, string reason, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var marked = await db.Command("""
                UPDATE samples SET status = 'failed', error = @error, updated_at = @at WHERE account_id = @account AND id = @id
                """).With("@error", reason).With("@at", UnixMs.From(UnixMs.Now())).With("@account", job.AccountId)
                .With("@id", sample.SampleId).ExecuteNonQueryAsync(cancellationToken);
            return marked == 0 ? 0 : await AdvanceAsync(db, job, failed: true, cancellationToken);
        }, cancellationToken);

    private static Task<int> AdvanceAsync(ISqlConnection db, Job job, bool failed, CancellationToken cancellationToken) =>
        db.Command("""
            UPDATE jobs SET processed_samples = processed_samples + 1, failed_samples = failed_samples + @failed, updated_at = @at WHERE id = @id
            """).With("@failed", failed ? 1 : 0).With("@at", UnixMs.From(UnixMs.Now())).With("@id", job.Id).ExecuteNonQueryAsync(cancellationToken);
}
