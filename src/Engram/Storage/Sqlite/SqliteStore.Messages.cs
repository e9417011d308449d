using System.Data.Common;
using Engram.Messages;
using Engram.Paging;
using Microsoft.Data.Sqlite;
using static Engram.Storage.StoredRows;

namespace Engram.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<MessageInsert> InsertMessageAsync(NewMessage message, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            // The session is read inside the write transaction, so it cannot be deleted or
            // ended between the check and the insert.
            var session = db.Command("""
                SELECT customer_user_id, ended_at FROM sessions
                WHERE account_id = @account AND id = @session AND deleted_at IS NULL
                """);
            session.Parameters.AddWithValue("@account", message.AccountId);
            session.Parameters.AddWithValue("@session", message.SessionId);
            string? sessionCustomer;
            await using (var reader = await session.ExecuteReaderAsync(cancellationToken))
            {
                if (!await reader.ReadAsync(cancellationToken))
                {
                    return new MessageInsert(MessageInsertOutcome.SessionNotFound, null);
                }
                if (!reader.IsDBNull(1))
                {
                    return new MessageInsert(MessageInsertOutcome.SessionEnded, null);
                }
                sessionCustomer = NullableString(reader, 0);
            }

            var stored = new Message(message.Id, message.SessionId, message.Role, message.Content, message.AccountId,
                message.CustomerUserId ?? sessionCustomer, message.At, message.At);
            var insert = db.Command("""
                INSERT INTO messages (account_id, id, session_id, role, content, customer_user_id, created_at, updated_at)
                VALUES (@account, @id, @session, @role, @content, @customer, @at, @at)
                ON CONFLICT DO NOTHING
                """);
            insert.Parameters.AddWithValue("@account", stored.UserID);
            insert.Parameters.AddWithValue("@id", stored.Id);
            insert.Parameters.AddWithValue("@session", stored.SessionID);
            insert.Parameters.AddWithValue("@role", stored.Role);
            insert.Parameters.AddWithValue("@content", stored.Content);
            insert.Parameters.AddWithValue("@customer", (object?)stored.CustomerUserID ?? DBNull.Value);
            insert.Parameters.AddWithValue("@at", UnixMs.From(stored.CreatedAt));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1
                ? new MessageInsert(MessageInsertOutcome.Created, stored)
                : new MessageInsert(MessageInsertOutcome.Duplicate, null);
        }, cancellationToken);

    public Task<Message?> GetMessageAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(async db =>
        {
            var command = db.Command($"SELECT {MessageColumns} FROM messages WHERE account_id = @account AND id = @id AND deleted_at IS NULL");
            command.Parameters.AddWithValue("@account", account);
            command.Parameters.AddWithValue("@id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadMessage(reader, account, MessagePosition(reader)) : null;
        }, cancellationToken);

    public Task<Page<Message>> ListMessagesAsync(string account, MessageFilter filter,
        PageRequest page, CancellationToken cancellationToken = default)
    {
        var list = StoredLists.Messages(filter);
        void Bind(DbCommand command) => StoredLists.BindMessages(command, account, filter);
        // No transaction: the page and totalCount come from one statement (a counted list), so
        // they see one snapshot.
        return ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, list, Bind, page,
            (reader, position) => ReadMessage(reader, account, position), MessagePosition, cancellationToken), cancellationToken);
    }

    public Task<bool> DeleteMessageAsync(string account, string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            var command = db.Command("DELETE FROM messages WHERE account_id = @account AND id = @id AND deleted_at IS NULL");
            command.Parameters.AddWithValue("@account", account);
            command.Parameters.AddWithValue("@id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

}
