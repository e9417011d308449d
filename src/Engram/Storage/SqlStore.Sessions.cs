using Engram.Paging;
using Engram.Sessions;
using static Engram.Storage.StoredRows;

namespace Engram.Storage;

public abstract partial class SqlStore
{
    private const string LiveSessionSql = $"SELECT {SessionColumns} FROM sessions WHERE account_id = @account AND id = @id AND deleted_at IS NULL";

    private static readonly ColumnOrdinals<SessionOrdinals> LiveSessionRow = new(reader => new SessionOrdinals(reader));
    private static readonly ColumnOrdinals<SessionOrdinals> ListedSessionRow = new(reader => new SessionOrdinals(reader));

    // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit, so of two
    // nodes creating one id at once exactly one sees a row inserted.
    public Task<InsertOutcome> InsertSessionAsync(Session session, CancellationToken cancellationToken = default) =>
        WriteStatementAsync(async db => await db.Command("""
            INSERT INTO sessions (account_id, id, customer_user_id, metadata, created_at, updated_at)
            VALUES (@account, @id, @customer, @metadata, @at, @at)
            ON CONFLICT DO NOTHING
            """).With("@account", session.UserID).With("@id", session.Id).With("@customer", session.CustomerUserID)
            .With("@metadata", SessionMetadata.Serialize(session.Metadata)).With("@at", UnixMs.From(session.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken) == 1 ? InsertOutcome.Created : InsertOutcome.Duplicate, cancellationToken);

    public Task<Session?> GetSessionAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(db => GetLiveSessionAsync(db, account, id, cancellationToken), cancellationToken);

    public Task<Page<Session>> ListSessionsAsync(string account, string? customerUserId, PageRequest page,
        CancellationToken cancellationToken = default) =>
        // No transaction: the page, with its look the other way, is one statement. Only when the
        // cursor's row is gone or the page is empty does a second look follow (KeysetPaging), and
        // it sees the list as it is then, which is what a next request would see too.
        ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, StoredLists.SessionsOf(customerUserId),
            command => StoredLists.BindSessions(command, account, customerUserId), page,
            (reader, position) => ReadSession(reader, ListedSessionRow.Of(reader), account, position),
            reader => SessionPosition(reader, ListedSessionRow.Of(reader)), cancellationToken), cancellationToken);

    public Task<bool> DeleteSessionAsync(string account, string id, DateTime at, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            // On PostgreSQL the UPDATE locks the session row, so a message insert holding it
            // (SessionLock) finishes first, and its message is hidden below, or waits and then
            // finds the session deleted.
            if (await db.Command("""
                UPDATE sessions SET deleted_at = @at, updated_at = @at
                WHERE account_id = @account AND id = @id AND deleted_at IS NULL
                """).With("@account", account).With("@id", id).With("@at", UnixMs.From(at)).ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
            await db.Command("""
                UPDATE messages SET deleted_at = @at
                WHERE account_id = @account AND session_id = @id AND deleted_at IS NULL
                """).With("@account", account).With("@id", id).With("@at", UnixMs.From(at)).ExecuteNonQueryAsync(cancellationToken);
            // Its messages leave every memory in this transaction too, and memories stop following it
            // (a deleted session takes no new messages, so the follow would only cost the live feed a look).
            await Memories.SampleRemoval.RemoveSamplesAsync(db, account, "session_id = @session AND message_id IS NOT NULL",
                command => command.With("@session", id), cancellationToken);
            await db.Command("DELETE FROM memory_sessions WHERE account_id = @account AND session_id = @id")
                .With("@account", account).With("@id", id).ExecuteNonQueryAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task<Session?> EndSessionAsync(string account, string id, DateTime at, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            // Of two concurrent ends the second waits for the first (PostgreSQL's row lock, SQLite's
            // one writer), re-checks ended_at IS NULL on the committed row and updates nothing, so
            // the first endedAt stays.
            await db.Command("""
                UPDATE sessions SET ended_at = @at, updated_at = @at
                WHERE account_id = @account AND id = @id AND deleted_at IS NULL AND ended_at IS NULL
                """).With("@account", account).With("@id", id).With("@at", UnixMs.From(at)).ExecuteNonQueryAsync(cancellationToken);
            return await GetLiveSessionAsync(db, account, id, cancellationToken);
        }, cancellationToken);

    private static async Task<Session?> GetLiveSessionAsync(ISqlConnection db, string account, string id,
        CancellationToken cancellationToken)
    {
        await using var reader = await db.Command(LiveSessionSql).With("@account", account).With("@id", id)
            .ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }
        var at = LiveSessionRow.Of(reader);
        return ReadSession(reader, at, account, SessionPosition(reader, at));
    }
}
