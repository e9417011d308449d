using System.Data.Common;
using Engram.Paging;
using Engram.Storage;
using static Engram.Storage.StoredRows;

namespace Engram.Memories;

public enum AddOutcome { Added, MemoryNotFound, FileNotFound }

/// The SQL of memories and their samples, written once for both backends.
public sealed class MemoryStore(IStore store)
{
    // Status and counts are derived from the samples, chunks and open jobs, never stored twice.
    private const string Columns = """
        id, name, description, memory_type, ontology, chunk_size, chunk_overlap, fact_extraction, acceleration, webhook_url,
        created_at, updated_at,
        (SELECT COUNT(*) FROM samples s WHERE s.account_id = memories.account_id AND s.memory_id = memories.id) AS sample_count,
        (SELECT COUNT(*) FROM samples s WHERE s.account_id = memories.account_id AND s.memory_id = memories.id AND s.status = 'success')
            AS succeeded_count,
        (SELECT COUNT(*) FROM samples s WHERE s.account_id = memories.account_id AND s.memory_id = memories.id AND s.status = 'failed')
            AS failed_count,
        (SELECT COUNT(*) FROM chunks c WHERE c.account_id = memories.account_id AND c.memory_id = memories.id) AS chunk_count,
        (SELECT COUNT(*) FROM facts f WHERE f.account_id = memories.account_id AND f.memory_id = memories.id) AS fact_count,
        (SELECT COUNT(*) FROM entities e WHERE e.account_id = memories.account_id AND e.memory_id = memories.id) AS entity_count,
        (SELECT MAX(j.status) FROM jobs j WHERE j.account_id = memories.account_id AND j.memory_id = memories.id
            AND j.status IN ('pending', 'processing')) AS open_job
        """;

    // Every statement selects Columns (or SampleColumns) first, so one set of ordinals serves them all.
    private static readonly ColumnOrdinals<MemoryOrdinals> Row = new(reader => new MemoryOrdinals(reader));
    private static readonly ColumnOrdinals<SampleOrdinals> SampleRow = new(reader => new SampleOrdinals(reader));

    private static readonly KeysetList AllMemories = new(Columns, "memories WHERE account_id = @account", "created_at", "id", descending: true);

    /// The columns ReadSample reads, in its order.
    public const string SampleColumns = "seq, id, memory_id, file_id, message_id, session_id, type, status, error, tokens, created_at, updated_at";

    private static readonly KeysetList SamplesOfMemory = new(SampleColumns,
        "samples WHERE account_id = @account AND memory_id = @memory", "seq", "id", descending: false);

    public Task<bool> InsertAsync(string account, Memory memory, CancellationToken cancellationToken) =>
        store.WriteAsync(async db => await db.Command("""
            INSERT INTO memories (account_id, id, name, description, memory_type, ontology, chunk_size, chunk_overlap,
                                  fact_extraction, acceleration, webhook_url, created_at, updated_at)
            VALUES (@account, @id, @name, @description, @type, @ontology, @size, @overlap, @facts, @acceleration, @webhook, @at, @at)
            ON CONFLICT DO NOTHING
            """).With("@account", account).With("@id", memory.Id).With("@name", memory.Name)
            .With("@description", memory.Description).With("@type", memory.MemoryType).With("@ontology", memory.Ontology)
            .With("@size", memory.ChunkSize).With("@overlap", memory.ChunkOverlap).With("@facts", memory.FactExtraction)
            .With("@acceleration", memory.Acceleration).With("@webhook", memory.WebhookUrl).With("@at", UnixMs.From(memory.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    public Task<Memory?> GetAsync(string account, string id, CancellationToken cancellationToken) =>
        store.ReadAsync(db => GetAsync(db, account, id, cancellationToken), cancellationToken);

    public static async Task<Memory?> GetAsync(ISqlConnection db, string account, string id, CancellationToken cancellationToken)
    {
        await using var reader = await db.Command($"SELECT {Columns} FROM memories WHERE account_id = @account AND id = @id")
            .With("@account", account).With("@id", id).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader, account, PositionOf(reader)) : null;
    }

    public Task<Page<Memory>> ListAsync(string account, PageRequest page, CancellationToken cancellationToken) =>
        store.ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, AllMemories, command => command.With("@account", account),
            page, (reader, position) => Read(reader, account, position), PositionOf, cancellationToken), cancellationToken);

    /// Deletes the memory and everything derived from it (samples, chunks, facts, entities, jobs, pending webhooks); its files stay.
    public Task<bool> DeleteAsync(string account, string id, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            if (await db.Command("DELETE FROM memories WHERE account_id = @account AND id = @id")
                .With("@account", account).With("@id", id).ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
            foreach (var table in (string[])["chunks", "fact_entities", "facts", "entities", "samples", "jobs", "webhook_deliveries"])
            {
                await db.Command($"DELETE FROM {table} WHERE account_id = @account AND memory_id = @id")
                    .With("@account", account).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
            }
            return true;
        }, cancellationToken);

    /// Adds a pending sample for each file not yet in the memory, all or none; the first file's sample comes back.
    public Task<(AddOutcome Outcome, Sample? First)> AddFilesAsync(string account, string memoryId, IReadOnlyList<string> fileIds,
        CancellationToken cancellationToken) =>
        store.WriteAsync<(AddOutcome, Sample?)>(async db =>
        {
            // On PostgreSQL the memory's row lock orders this after a start-ingestion or a finishing job,
            // and a share lock on each file makes a concurrent file delete wait, then find the new sample.
            if (!await Ingestion.JobStore.LockMemoryAsync(db, account, memoryId, cancellationToken))
            {
                return (AddOutcome.MemoryNotFound, null);
            }
            var shareLock = store.Kind == StoreKind.Postgres ? " FOR SHARE" : "";
            foreach (var fileId in fileIds)
            {
                if (await db.Command($"SELECT COUNT(*) FROM (SELECT id FROM files WHERE account_id = @account AND id = @id{shareLock}) f")
                    .With("@account", account).With("@id", fileId).ScalarInt64Async(cancellationToken) == 0)
                {
                    return (AddOutcome.FileNotFound, null);
                }
            }
            var at = UnixMs.From(UnixMs.Now());
            foreach (var fileId in fileIds)
            {
                await db.Command("""
                    INSERT INTO samples (account_id, id, memory_id, file_id, message_id, session_id, type, status, error, tokens,
                                         created_at, updated_at)
                    VALUES (@account, @id, @memory, @file, NULL, NULL, 'document', 'pending', NULL, NULL, @at, @at)
                    ON CONFLICT DO NOTHING
                    """).With("@account", account).With("@id", Validation.Ids.New()).With("@memory", memoryId)
                    .With("@file", fileId).With("@at", at).ExecuteNonQueryAsync(cancellationToken);
            }
            await using var reader = await db.Command($"""
                SELECT {SampleColumns} FROM samples WHERE account_id = @account AND memory_id = @memory AND file_id = @file
                """).With("@account", account).With("@memory", memoryId).With("@file", fileIds[0]).ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            return (AddOutcome.Added, ReadSample(reader, account, SamplePositionOf(reader)));
        }, cancellationToken);

    /// Removes the file's sample and chunks from the memory; false when the memory or the file's sample is not there.
    public Task<AddOutcome> RemoveFileAsync(string account, string memoryId, string fileId, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            if (!await ExistsAsync(db, "memories", account, memoryId, cancellationToken))
            {
                return AddOutcome.MemoryNotFound;
            }
            var count = await db.Command("SELECT COUNT(*) FROM samples WHERE account_id = @account AND memory_id = @memory AND file_id = @file")
                .With("@account", account).With("@memory", memoryId).With("@file", fileId).ScalarInt64Async(cancellationToken);
            if (count == 0)
            {
                return AddOutcome.FileNotFound;
            }
            await SampleRemoval.RemoveSamplesAsync(db, account, "memory_id = @memory AND file_id = @file",
                command => command.With("@memory", memoryId).With("@file", fileId), cancellationToken);
            return AddOutcome.Added;
        }, cancellationToken);

    public Task<Page<Sample>> ListSamplesAsync(string account, string memoryId, PageRequest page, CancellationToken cancellationToken) =>
        store.ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, SamplesOfMemory,
            command => command.With("@account", account).With("@memory", memoryId),
            page, (reader, position) => ReadSample(reader, account, position), SamplePositionOf, cancellationToken), cancellationToken);

    public static async Task<bool> ExistsAsync(ISqlConnection db, string table, string account, string id, CancellationToken cancellationToken) =>
        await db.Command($"SELECT COUNT(*) FROM {table} WHERE account_id = @account AND id = @id")
            .With("@account", account).With("@id", id).ScalarInt64Async(cancellationToken) > 0;

    private static Position PositionOf(DbDataReader reader)
    {
        var at = Row.Of(reader);
        return new(reader.GetInt64(at.CreatedAt), reader.GetString(at.Id));
    }

    private static Memory Read(DbDataReader reader, string account, Position position)
    {
        var at = Row.Of(reader);
        long samples = reader.GetInt64(at.SampleCount), succeeded = reader.GetInt64(at.SucceededCount), failed = reader.GetInt64(at.FailedCount);
        var openJob = NullableString(reader, at.OpenJob);
        var status = samples == 0 && openJob is null ? "empty"
            : openJob is not null ? openJob
            : succeeded + failed < samples ? "pending"
            : succeeded > 0 ? "success"
            : "failed";
        return new Memory(
            Id: position.Id, Name: reader.GetString(at.Name), Description: reader.GetString(at.Description),
            MemoryType: reader.GetString(at.MemoryType), Ontology: NullableString(reader, at.Ontology), UserID: account,
            ChunkSize: (int)reader.GetInt64(at.ChunkSize), ChunkOverlap: (int)reader.GetInt64(at.ChunkOverlap),
            FactExtraction: reader.GetBoolean(at.FactExtraction), Acceleration: reader.GetBoolean(at.Acceleration),
            WebhookUrl: NullableString(reader, at.WebhookUrl), Step: StepOf(status), CreatedAt: UnixMs.ToDateTime(position.Key),
            UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(at.UpdatedAt)), Status: status, SampleCount: samples,
            ChunkCount: reader.GetInt64(at.ChunkCount), FactCount: reader.GetInt64(at.FactCount), EntityCount: reader.GetInt64(at.EntityCount));
    }

    /// duohub's `step`: "select" while the memory has no samples, "ingest" while any wait or run, "complete" after.
    private static string StepOf(string status) => status switch
    {
        "empty" => "select",
        "pending" or "processing" => "ingest",
        _ => "complete",
    };

    private static Position SamplePositionOf(DbDataReader reader)
    {
        var at = SampleRow.Of(reader);
        return new(reader.GetInt64(at.Seq), reader.GetString(at.Id));
    }

    public static Sample ReadSample(DbDataReader reader, string account, Position position)
    {
        var at = SampleRow.Of(reader);
        return new(
            Id: position.Id, MemoryID: reader.GetString(at.MemoryId), FileID: NullableString(reader, at.FileId),
            MessageID: NullableString(reader, at.MessageId), SessionID: NullableString(reader, at.SessionId), UserID: account,
            Type: reader.GetString(at.Type), Status: reader.GetString(at.Status), Error: NullableString(reader, at.Error),
            Tokens: reader.IsDBNull(at.Tokens) ? null : reader.GetInt64(at.Tokens),
            CreatedAt: UnixMs.ToDateTime(reader.GetInt64(at.CreatedAt)), UpdatedAt: UnixMs.ToDateTime(reader.GetInt64(at.UpdatedAt)));
    }
}

/// Where a memory row's columns are, by name.
public sealed class MemoryOrdinals(DbDataReader reader)
{
    public int Id { get; } = reader.GetOrdinal("id");
    public int Name { get; } = reader.GetOrdinal("name");
    public int Description { get; } = reader.GetOrdinal("description");
    public int MemoryType { get; } = reader.GetOrdinal("memory_type");
    public int Ontology { get; } = reader.GetOrdinal("ontology");
    public int ChunkSize { get; } = reader.GetOrdinal("chunk_size");
    public int ChunkOverlap { get; } = reader.GetOrdinal("chunk_overlap");
    public int FactExtraction { get; } = reader.GetOrdinal("fact_extraction");
    public int Acceleration { get; } = reader.GetOrdinal("acceleration");
    public int WebhookUrl { get; } = reader.GetOrdinal("webhook_url");
    public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
    public int SampleCount { get; } = reader.GetOrdinal("sample_count");
    public int SucceededCount { get; } = reader.GetOrdinal("succeeded_count");
    public int FailedCount { get; } = reader.GetOrdinal("failed_count");
    public int ChunkCount { get; } = reader.GetOrdinal("chunk_count");
    public int FactCount { get; } = reader.GetOrdinal("fact_count");
    public int EntityCount { get; } = reader.GetOrdinal("entity_count");
    public int OpenJob { get; } = reader.GetOrdinal("open_job");
}

/// Where a sample row's columns are, by name.
public sealed class SampleOrdinals(DbDataReader reader)
{
    public int Seq { get; } = reader.GetOrdinal("seq");
    public int Id { get; } = reader.GetOrdinal("id");
    public int MemoryId { get; } = reader.GetOrdinal("memory_id");
    public int FileId { get; } = reader.GetOrdinal("file_id");
    public int MessageId { get; } = reader.GetOrdinal("message_id");
    public int SessionId { get; } = reader.GetOrdinal("session_id");
    public int Type { get; } = reader.GetOrdinal("type");
    public int Status { get; } = reader.GetOrdinal("status");
    public int Error { get; } = reader.GetOrdinal("error");
    public int Tokens { get; } = reader.GetOrdinal("tokens");
    public int CreatedAt { get; } = reader.GetOrdinal("created_at");
    public int UpdatedAt { get; } = reader.GetOrdinal("updated_at");
}
