using Engram.Memories;
using Engram.Storage;
using Engram.Webhooks;

namespace Engram.Ingestion;

/// The SQL of the durable ingestion queue. A job is claimed with a lease: on PostgreSQL any node may
/// take it and SKIP LOCKED keeps two from taking the same one; a job whose worker died is taken again
/// once its lease lapses, and redoes only the samples that had not committed.
public sealed partial class JobStore(IStore store, Operations.EngramMetrics metrics)
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    /// Queues one job over the memory's pending and failed samples, unless one is already open (then
    /// answers for that one), or the account's token limit would be passed (then queues nothing).
    public async Task<StartResult> StartAsync(string account, string memoryId, long? tokenLimit, CancellationToken cancellationToken)
    {
        var result = await QueueAsync(account, memoryId, tokenLimit, cancellationToken);
        if (result.Outcome == StartOutcome.Started)
        {
            metrics.JobsQueued.Add(1);
        }
        return result;
    }

    private Task<StartResult> QueueAsync(string account, string memoryId, long? tokenLimit, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            // Two start-ingestions of one memory queue here, so the second sees the first's job.
            if (!await LockMemoryAsync(db, account, memoryId, cancellationToken)
                || await SettingsAsync(db, account, memoryId, cancellationToken) is not { } memory)
            {
                return new StartResult(StartOutcome.MemoryNotFound);
            }
            var used = await db.Command("SELECT COALESCE(SUM(tokens), 0) FROM samples WHERE account_id = @account AND status = 'success'")
                .With("@account", account).ScalarInt64Async(cancellationToken);
            var estimate = await db.Command("""
                SELECT COALESCE(SUM(COALESCE(f.tokens, f.size / 4, 0)), 0) FROM samples s
                LEFT JOIN files f ON f.account_id = s.account_id AND f.id = s.file_id
                WHERE s.account_id = @account AND s.memory_id = @memory AND s.status IN ('pending', 'failed', 'processing')
                """).With("@account", account).With("@memory", memoryId).ScalarInt64Async(cancellationToken);
            long? remaining = tokenLimit is { } limit ? Math.Max(0, limit - used) : null;
            var open = await db.Command("""
                SELECT COUNT(*) FROM jobs WHERE account_id = @account AND memory_id = @memory AND status IN ('pending', 'processing')
                """).With("@account", account).With("@memory", memoryId).ScalarInt64Async(cancellationToken);
            if (open == 0 && remaining is { } left && estimate > left)
            {
                return new StartResult(StartOutcome.TokenLimitReached);
            }
            var now = UnixMs.From(UnixMs.Now());
            if (open == 0)
            {
                await db.Command("""
                    UPDATE samples SET status = 'pending', error = NULL, updated_at = @at
                    WHERE account_id = @account AND memory_id = @memory AND status = 'failed'
                    """).With("@account", account).With("@memory", memoryId).With("@at", now).ExecuteNonQueryAsync(cancellationToken);
            }
            var count = await db.Command("""
                SELECT COUNT(*) FROM samples WHERE account_id = @account AND memory_id = @memory AND status IN ('pending', 'processing')
                """).With("@account", account).With("@memory", memoryId).ScalarInt64Async(cancellationToken);
            if (open == 0)
            {
                var jobId = Validation.Ids.New();
                await db.Command("""
                    INSERT INTO jobs (id, account_id, memory_id, status, total_samples, processed_samples, lease_owner, lease_until,
                                      created_at, updated_at)
                    VALUES (@id, @account, @memory, 'pending', @total, 0, NULL, NULL, @at, @at)
                    """).With("@id", jobId).With("@account", account).With("@memory", memoryId).With("@total", count)
                    .With("@at", now).ExecuteNonQueryAsync(cancellationToken);
                var prefix = IngestionMessages.Prefix(memory.MemoryType);
                await WebhookOutbox.EnqueueAsync(db, account, memoryId, memory.WebhookUrl,
                    new WebhookEvent(memoryId, jobId, count, 0, "pending", $"{prefix} started"), cancellationToken);
                var waiting = await db.Command("SELECT COUNT(*) FROM jobs WHERE status IN ('pending', 'processing') AND id <> @id")
                    .With("@id", jobId).ScalarInt64Async(cancellationToken);
                if (waiting > 0)
                {
                    await WebhookOutbox.EnqueueAsync(db, account, memoryId, memory.WebhookUrl,
                        new WebhookEvent(memoryId, jobId, count, 0, "pending", $"{prefix} is waiting for a worker"), cancellationToken);
                }
            }
            return new StartResult(StartOutcome.Started, count, estimate, remaining, tokenLimit);
        }, cancellationToken);

    /// Whether a job is waiting for a worker: a read, so that an idle worker's poll takes no turn
    /// in the write queue (on SQLite, a place in the group commit of the sessions API's writes).
    public Task<bool> AnyClaimableAsync(DateTime now, CancellationToken cancellationToken) =>
        store.ReadAsync(async db => await db.Command("""
            SELECT COUNT(*) FROM (SELECT 1 FROM jobs WHERE status IN ('pending', 'processing') AND (lease_until IS NULL OR lease_until < @now) LIMIT 1) j
            """).With("@now", UnixMs.From(now)).ScalarInt64Async(cancellationToken) > 0, cancellationToken);

    /// Takes the oldest open job whose lease is free, for `owner`, until `until`.
    public Task<Job?> ClaimAsync(string owner, DateTime now, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var skipLocked = store.Kind == StoreKind.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
            await using var reader = await db.Command($"""
                UPDATE jobs SET status = 'processing', lease_owner = @owner, lease_until = @until, updated_at = @now
                WHERE id = (SELECT id FROM jobs WHERE status IN ('pending', 'processing') AND (lease_until IS NULL OR lease_until < @now)
                            ORDER BY created_at LIMIT 1{skipLocked})
                RETURNING id, account_id, memory_id, total_samples, processed_samples
                """).With("@owner", owner).With("@until", UnixMs.From(now + Lease)).With("@now", UnixMs.From(now))
                .ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken)
                ? new Job(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4))
                : null;
        }, cancellationToken);

    /// Extends the lease; false when the job is no longer this owner's (it lapsed and another took it, or it was deleted).
    public Task<bool> RenewAsync(Job job, string owner, DateTime now, CancellationToken cancellationToken) =>
        store.WriteAsync(async db => await db.Command("""
            UPDATE jobs SET lease_until = @until WHERE id = @id AND lease_owner = @owner AND status = 'processing'
            """).With("@until", UnixMs.From(now + Lease)).With("@id", job.Id).With("@owner", owner)
            .ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);

    /// Gives the lease up at a clean stop, so the next start (here or on another node) takes the job at once.
    public Task ReleaseAsync(Job job, string owner, CancellationToken cancellationToken) =>
        store.WriteAsync(async db => await db.Command("""
            UPDATE jobs SET lease_until = NULL WHERE id = @id AND lease_owner = @owner AND status = 'processing'
            """).With("@id", job.Id).With("@owner", owner).ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    public Task<MemorySettings?> SettingsAsync(Job job, CancellationToken cancellationToken) =>
        store.ReadAsync(db => SettingsAsync(db, job.AccountId, job.MemoryId, cancellationToken), cancellationToken);

    private static async Task<MemorySettings?> SettingsAsync(ISqlConnection db, string account, string memoryId, CancellationToken cancellationToken)
    {
        await using var reader = await db.Command("""
            SELECT memory_type, chunk_size, chunk_overlap, webhook_url, embedding_model, ontology, fact_extraction
            FROM memories WHERE account_id = @account AND id = @id
            """).With("@account", account).With("@id", memoryId).ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new MemorySettings(reader.GetString(0), (int)reader.GetInt64(1), (int)reader.GetInt64(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetString(0) == "graph" || reader.GetBoolean(6))
            : null;
    }

    /// The memory's next samples to work on, oldest first, marked processing; empty when none is left.
    /// A file's sample comes alone; messages' samples come `turns` at a time, so that a conversation is
    /// embedded and stored in batches (a message is one short text).
    public Task<List<SampleWork>> NextSamplesAsync(Job job, int turns, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var work = new List<SampleWork>();
            await using (var reader = await db.Command("""
                SELECT s.id, s.file_id, f.name, f.extension, f.file_type, f.bronze_key, f.external_uri,
                       s.message_id, m.role, m.content, m.created_at
                FROM samples s
                LEFT JOIN files f ON f.account_id = s.account_id AND f.id = s.file_id
                LEFT JOIN messages m ON m.account_id = s.account_id AND m.id = s.message_id AND m.deleted_at IS NULL
                WHERE s.account_id = @account AND s.memory_id = @memory AND s.status IN ('pending', 'processing')
                ORDER BY s.seq LIMIT @limit
                """).With("@account", job.AccountId).With("@memory", job.MemoryId).With("@limit", turns).ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (work.Count > 0 && (reader.IsDBNull(7) || work[0].MessageId is null))
                    {
                        break; // a file's sample is worked alone
                    }
                    var turn = reader.IsDBNull(8) ? null
                        : new ConversationTurn(reader.GetString(8), reader.GetString(9), UnixMs.ToDateTime(reader.GetInt64(10)));
                    work.Add(new SampleWork(reader.GetString(0), Nullable(1), Nullable(2), Nullable(3), Nullable(4), Nullable(5), Nullable(6),
                        Nullable(7), turn));
                }

                string? Nullable(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            }
            foreach (var sample in work)
            {
                await db.Command("UPDATE samples SET status = 'processing', updated_at = @at WHERE account_id = @account AND id = @id")
                    .With("@at", UnixMs.From(UnixMs.Now())).With("@account", job.AccountId).With("@id", sample.SampleId)
                    .ExecuteNonQueryAsync(cancellationToken);
            }
            return work;
        }, cancellationToken);

    /// Ends the job: success when one of its samples succeeded or none was left to do, failed when
    /// every one it worked failed. Null, and nothing ended, when samples arrived after the worker's
    /// last look (they are this job's too) or when the job is no longer this owner's.
    public Task<(string Status, long Processed)?> FinishAsync(Job job, string owner, MemorySettings memory, CancellationToken cancellationToken) =>
        store.WriteAsync<(string, long)?>(async db =>
        {
            // The memory's row first: a start-ingestion or add-files of this memory waits for this to commit.
            await LockMemoryAsync(db, job.AccountId, job.MemoryId, cancellationToken);
            var waiting = await db.Command("""
                SELECT COUNT(*) FROM samples WHERE account_id = @account AND memory_id = @memory AND status IN ('pending', 'processing')
                """).With("@account", job.AccountId).With("@memory", job.MemoryId).ScalarInt64Async(cancellationToken);
            if (waiting > 0)
            {
                return null;
            }
            long processed = 0, failed = 0;
            await using (var reader = await db.Command("SELECT processed_samples, failed_samples FROM jobs WHERE id = @id")
                .With("@id", job.Id).ExecuteReaderAsync(cancellationToken))
            {
                if (await reader.ReadAsync(cancellationToken))
                {
                    (processed, failed) = (reader.GetInt64(0), reader.GetInt64(1));
                }
            }
            var status = processed > 0 && failed == processed ? "failed" : "success";
            if (await db.Command("""
                UPDATE jobs SET status = @status, lease_owner = NULL, lease_until = NULL, updated_at = @at
                WHERE id = @id AND lease_owner = @owner AND status = 'processing'
                """).With("@status", status).With("@at", UnixMs.From(UnixMs.Now())).With("@id", job.Id).With("@owner", owner)
                .ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
            var prefix = IngestionMessages.Prefix(memory.MemoryType);
            await WebhookOutbox.EnqueueAsync(db, job.AccountId, job.MemoryId, memory.WebhookUrl,
                new WebhookEvent(job.MemoryId, job.Id, job.TotalSamples, processed, "processing", $"{prefix}: all samples processed, building the index"),
                cancellationToken);
            await WebhookOutbox.EnqueueAsync(db, job.AccountId, job.MemoryId, memory.WebhookUrl,
                new WebhookEvent(job.MemoryId, job.Id, job.TotalSamples, processed, status,
                    status == "success" ? $"{prefix} complete" : $"{prefix} failed: every sample failed"), cancellationToken);
            return (status, processed);
        }, cancellationToken);

    /// Takes the memory's row lock for the rest of the transaction on PostgreSQL (on SQLite the
    /// write is alone anyway); false when the memory does not exist.
    public static async Task<bool> LockMemoryAsync(ISqlConnection db, string account, string memoryId, CancellationToken cancellationToken) =>
        await db.Command("UPDATE memories SET updated_at = updated_at WHERE account_id = @account AND id = @id")
            .With("@account", account).With("@id", memoryId).ExecuteNonQueryAsync(cancellationToken) == 1;

    /// Drops a job whose memory is gone.
    public Task DropAsync(Job job, CancellationToken cancellationToken) =>
        store.WriteAsync(db => db.Command("DELETE FROM jobs WHERE id = @id").With("@id", job.Id).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);

    public Task ProgressAsync(Job job, MemorySettings memory, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var processed = await db.Command("SELECT processed_samples FROM jobs WHERE id = @id").With("@id", job.Id).ScalarInt64Async(cancellationToken);
            await WebhookOutbox.EnqueueAsync(db, job.AccountId, job.MemoryId, memory.WebhookUrl,
                new WebhookEvent(job.MemoryId, job.Id, job.TotalSamples, processed, "processing",
                    $"{IngestionMessages.Prefix(memory.MemoryType)} in progress: {processed} of {job.TotalSamples} samples processed"),
                cancellationToken);
            return processed;
        }, cancellationToken);
}
