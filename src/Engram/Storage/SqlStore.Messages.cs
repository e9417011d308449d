using System.Data.Common;
using Engram.Messages;
using Engram.Paging;
using static Engram.Storage.StoredRows;

namespace Engram.Storage;

public abstract partial class SqlStore
{
    private static readonly ColumnOrdinals<MessageOrdinals> MessageRow = new(reader => new MessageOrdinals(reader));
    private static readonly ColumnOrdinals<MessageOrdinals> ListedMessageRow = new(reader => new MessageOrdinals(reader));

    // The live session's read (SqlStore.Sessions.cs) with the backend's row lock (SessionLock) at
    // its end, built once per store.
    private string? _lockedLiveSessionSql;

    public Task<MessageInsert> InsertMessageAsync(NewMessage message, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            // The session is read inside the write transaction, and held (SessionLock) until it
            // commits, so it cannot be deleted or ended between this check and the insert.
            string? sessionCustomer;
            _lockedLiveSessionSql ??= LiveSessionSql + SessionLock;
            await using (var reader = await db.Command(_lockedLiveSessionSql)
                .With("@account", message.AccountId).With("@id", message.SessionId).ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return new MessageInsert(MessageInsertOutcome.SessionNotFound, null);
                }
                var at = LiveSessionRow.Of(reader);
                if (!reader.IsDBNull(at.EndedAt))
                {
                    return new MessageInsert(MessageInsertOutcome.SessionEnded, null);
                }
                sessionCustomer = NullableString(reader, at.CustomerUserId);
            }

            var stored = new Message(message.Id, message.SessionId, message.Role, message.Content, message.AccountId,
                message.CustomerUserId ?? sessionCustomer, message.At, message.At);
            return await db.Command("""
                INSERT INTO messages (account_id, id, session_id, role, content, customer_user_id, created_at, updated_at)
                VALUES (@account, @id, @session, @role, @content, @customer, @at, @at)
                ON CONFLICT DO NOTHING
                """).With("@account", stored.UserID).With("@id", stored.Id).With("@session", stored.SessionID)
                .With("@role", stored.Role).With("@content", stored.Content).With("@customer", stored.CustomerUserID)
                .With("@at", UnixMs.From(stored.CreatedAt)).ExecuteNonQueryAsync(cancellationToken) == 1
                ? new MessageInsert(MessageInsertOutcome.Created, stored)
                : new MessageInsert(MessageInsertOutcome.Duplicate, null);
        }, cancellationToken);

    public Task<Message?> GetMessageAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(async db =>
        {
            await using var reader = await db.Command(
                $"SELECT {MessageColumns} FROM messages WHERE account_id = @account AND id = @id AND deleted_at IS NULL")
                .With("@account", account).With("@id", id).ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            var at = MessageRow.Of(reader);
            return ReadMessage(reader, at, account, MessagePosition(reader, at));
        }, cancellationToken);

    public Task<Page<Message>> ListMessagesAsync(string account, MessageFilter filter,
        PageRequest page, CancellationToken cancellationToken = default)
    {
        var list = StoredLists.Messages(filter);
        void Bind(DbCommand command) => StoredLists.BindMessages(command, account, filter);
        // No transaction: the page and totalCount come from one statement (a counted list), so
        // they see one snapshot, in one round trip.
        return ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, list, Bind, page,
            (reader, position) => ReadMessage(reader, ListedMessageRow.Of(reader), account, position),
            reader => MessagePosition(reader, ListedMessageRow.Of(reader)), cancellationToken), cancellationToken);
    }

    /// Deletes the message and, in the same transaction, its samples, chunks and facts in every memory,
    /// so the next retrieval cannot return it, and a message created later with the same id cannot
    /// bring the old one's chunks back.
    public Task<bool> DeleteMessageAsync(string account, string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            if (await db.Command("DELETE FROM messages WHERE account_id = @account AND id = @id AND deleted_at IS NULL")
                .With("@account", account).With("@id", id).ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
            await Memories.SampleRemoval.RemoveSamplesAsync(db, account, "message_id = @message",
                command => command.With("@message", id), cancellationToken);
            return true;
        }, cancellationToken);
}
