using System.Data.Common;
using Engram.Storage;

namespace Engram.Memories;

public enum SessionsOutcome { Added, MemoryNotFound, SessionNotFound }

/// What a memory's live feed found on one look: messages not yet in the memory, and whether
/// it has pending message samples that no open job will reach.
public sealed record FeedLook(long LastSeq, long NewestSeq, int NewMessages, bool Orphaned);

/// The SQL of conversation memory (§11), written once for both backends: which sessions a memory
/// follows (memory_sessions), and turning their messages into samples, at add-sessions and live.
public sealed class ConversationStore(IStore store)
{
    /// How far behind its cursor the feed looks: on PostgreSQL a message's seq is taken at insert
    /// and may commit after a later seq, so a cursor alone could step over it. The window is far
    /// wider than the messages in flight at once; a message in it that already has a sample costs one index probe.
    public const long Lookback = 1000;

    /// A pending message sample older than this with no open job is one a finishing job missed.
    private const long OrphanAfterMs = 2000;

    // A followed message: in a followed session, or in a session of a followed customer (now and later).
    private const string FollowedScope = """
        (m.session_id IN (SELECT f.session_id FROM memory_sessions f
                          WHERE f.account_id = @account AND f.memory_id = @memory AND f.session_id IS NOT NULL)
         OR m.session_id IN (SELECT se.id FROM sessions se JOIN memory_sessions f
                               ON f.account_id = se.account_id AND f.customer_user_id = se.customer_user_id
                             WHERE se.account_id = @account AND f.memory_id = @memory))
        """;

    /// Follows the sessions (or the customer's sessions, now and later), adds a pending sample for each of
    /// their messages not yet in the memory, and answers every sample those sessions have in it, oldest first.
    /// All or nothing: an unknown memory or session adds nothing.
    public Task<(SessionsOutcome Outcome, IReadOnlyList<Sample> Samples)> AddSessionsAsync(string account, string memoryId,
        IReadOnlyList<string> sessionIds, string? customerUserId, CancellationToken cancellationToken) =>
        store.WriteAsync<(SessionsOutcome, IReadOnlyList<Sample>)>(async db =>
        {
            if (!await MemoryStore.ExistsAsync(db, "memories", account, memoryId, cancellationToken))
            {
                return (SessionsOutcome.MemoryNotFound, []);
            }
            foreach (var sessionId in sessionIds)
            {
                if (await db.Command("SELECT COUNT(*) FROM sessions WHERE account_id = @account AND id = @id AND deleted_at IS NULL")
                    .With("@account", account).With("@id", sessionId).ScalarInt64Async(cancellationToken) == 0)
                {
                    return (SessionsOutcome.SessionNotFound, []);
                }
            }
            var newest = await NewestSeqAsync(db, account, cancellationToken);
            var now = UnixMs.From(UnixMs.Now());
            foreach (var follow in customerUserId is null ? sessionIds.Select(id => (Session: (string?)id, Customer: (string?)null))
                         : [(Session: null, Customer: customerUserId)])
            {
                await db.Command("""
                    INSERT INTO memory_sessions (account_id, memory_id, session_id, customer_user_id, last_seq, created_at)
                    VALUES (@account, @memory, @session, @customer, @last, @at)
                    ON CONFLICT DO NOTHING
                    """).With("@account", account).With("@memory", memoryId).With("@session", follow.Session)
                    .With("@customer", follow.Customer).With("@last", newest).With("@at", now).ExecuteNonQueryAsync(cancellationToken);
            }
            var (scope, bind) = Scope(sessionIds, customerUserId);
            await AddSamplesAsync(db, account, memoryId, string.Format(scope, "m.session_id"), bind, after: 0, cancellationToken);
            var list = db.Command($"""
                SELECT {MemoryStore.SampleColumns} FROM samples
                WHERE account_id = @account AND memory_id = @memory AND message_id IS NOT NULL AND {string.Format(scope, "samples.session_id")}
                ORDER BY seq
                """).With("@account", account).With("@memory", memoryId);
            bind(list);
            var samples = new List<Sample>();
            await using var reader = await list.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                samples.Add(MemoryStore.ReadSample(reader, account, new Paging.Position(reader.GetInt64(0), reader.GetString(1))));
            }
            return (SessionsOutcome.Added, samples);
        }, cancellationToken);

    /// The sessions named, or the customer's: a condition on the session column put in for {0}.
    private static (string Condition, Action<DbCommand> Bind) Scope(IReadOnlyList<string> sessionIds, string? customerUserId)
    {
        if (customerUserId is not null)
        {
            return ("{0} IN (SELECT se.id FROM sessions se WHERE se.account_id = @account AND se.customer_user_id = @customer)",
                command => command.With("@customer", customerUserId));
        }
        var names = string.Join(", ", sessionIds.Select((_, i) => $"@s{i}"));
        return ($"{{0}} IN ({names})", command =>
        {
            for (var i = 0; i < sessionIds.Count; i++)
            {
                command.With($"@s{i}", sessionIds[i]);
            }
        });
    }

    /// The memories that follow any session, for the live feed.
    public Task<List<(string Account, string Memory)>> FollowingMemoriesAsync(CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var memories = new List<(string, string)>();
            await using var reader = await db.Command("SELECT DISTINCT account_id, memory_id FROM memory_sessions")
                .ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                memories.Add((reader.GetString(0), reader.GetString(1)));
            }
            return memories;
        }, cancellationToken);

    /// A read-only look, so that a quiet memory costs the message inserts no write lock.
    public Task<FeedLook> LookAsync(string account, string memoryId, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var last = await db.Command("SELECT COALESCE(MAX(last_seq), 0) FROM memory_sessions WHERE account_id = @account AND memory_id = @memory")
                .With("@account", account).With("@memory", memoryId).ScalarInt64Async(cancellationToken);
            var newest = await NewestSeqAsync(db, account, cancellationToken);
            var count = db.Command($"""
                SELECT COUNT(*) FROM messages m
                WHERE m.account_id = @account AND m.deleted_at IS NULL AND m.seq > @after AND {FollowedScope}
                  AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.account_id = m.account_id AND s.memory_id = @memory AND s.message_id = m.id)
                """).With("@account", account).With("@memory", memoryId).With("@after", last - Lookback);
            var added = (int)await count.ScalarInt64Async(cancellationToken);
            // Only samples a while old: add-sessions queues its own job right after its samples commit.
            var orphaned = await db.Command("""
                SELECT COUNT(*) FROM (SELECT 1 FROM samples s WHERE s.account_id = @account AND s.memory_id = @memory
                                        AND s.status = 'pending' AND s.message_id IS NOT NULL AND s.created_at < @settled LIMIT 1) p
                WHERE NOT EXISTS (SELECT 1 FROM jobs j WHERE j.account_id = @account AND j.memory_id = @memory
                                    AND j.status IN ('pending', 'processing'))
                """).With("@account", account).With("@memory", memoryId).With("@settled", UnixMs.From(UnixMs.Now()) - OrphanAfterMs)
                .ScalarInt64Async(cancellationToken) > 0;
            return new FeedLook(last, newest, added, orphaned);
        }, cancellationToken);

    /// Adds samples for the followed messages the look found and moves the cursor to what was newest then.
    public Task<int> CatchUpAsync(string account, string memoryId, FeedLook look, CancellationToken cancellationToken) =>
        store.WriteAsync(async db =>
        {
            var added = await AddSamplesAsync(db, account, memoryId, FollowedScope, _ => { }, look.LastSeq - Lookback, cancellationToken);
            await db.Command("""
                UPDATE memory_sessions SET last_seq = @newest WHERE account_id = @account AND memory_id = @memory AND last_seq < @newest
                """).With("@newest", look.NewestSeq).With("@account", account).With("@memory", memoryId).ExecuteNonQueryAsync(cancellationToken);
            return added;
        }, cancellationToken);

    private static Task<long> NewestSeqAsync(ISqlConnection db, string account, CancellationToken cancellationToken) =>
        db.Command("SELECT COALESCE(MAX(seq), 0) FROM messages WHERE account_id = @account AND deleted_at IS NULL")
            .With("@account", account).ScalarInt64Async(cancellationToken);

    /// A pending sample (human for role user, ai otherwise) for each live message in scope after `after`
    /// that the memory does not have yet; another node adding the same one at once is a no-op (samples_by_message).
    private static async Task<int> AddSamplesAsync(ISqlConnection db, string account, string memoryId, string scope,
        Action<DbCommand> bind, long after, CancellationToken cancellationToken)
    {
        var select = db.Command($"""
            SELECT m.id, m.session_id, m.role FROM messages m
            WHERE m.account_id = @account AND m.deleted_at IS NULL AND m.seq > @after AND {scope}
              AND NOT EXISTS (SELECT 1 FROM samples s WHERE s.account_id = m.account_id AND s.memory_id = @memory AND s.message_id = m.id)
            ORDER BY m.seq
            """).With("@account", account).With("@memory", memoryId).With("@after", after);
        bind(select);
        var messages = new List<(string Id, string Session, string Role)>();
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                messages.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }
        var at = UnixMs.From(UnixMs.Now());
        var added = 0;
        foreach (var (id, session, role) in messages)
        {
            // Only while the message lives: a delete that committed since the read above has removed its samples already.
            added += await db.Command("""
                INSERT INTO samples (account_id, id, memory_id, file_id, message_id, session_id, type, status, error, tokens,
                                     created_at, updated_at)
                SELECT @account, @id, @memory, NULL, @message, @session, @type, 'pending', NULL, NULL, @at, @at
                FROM messages m WHERE m.account_id = @account AND m.id = @message AND m.deleted_at IS NULL
                ON CONFLICT DO NOTHING
                """).With("@account", account).With("@id", Validation.Ids.New()).With("@memory", memoryId).With("@message", id)
                .With("@session", session).With("@type", role == "user" ? "human" : "ai").With("@at", at).ExecuteNonQueryAsync(cancellationToken);
        }
        return added;
    }
}
