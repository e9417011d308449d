using System.Data.Common;
using Engram.Messages;
using Engram.Paging;
using static Engram.Storage.StoredRows;

namespace Engram.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<MessageInsert> InsertMessageAsync(NewMessage message, CancellationToken cancellationToken = default) =>
        WriteAsync(async connection =>
        {
            // FOR SHARE holds the session row until the insert commits: a concurrent delete or end
            // (an UPDATE of that row) waits for it, and one that committed first makes this read
            // find no live, unended session. Concurrent inserts into one session do not block each other.
            await using var session = connection.CreateCommand();
            session.CommandText = """
                SELECT customer_user_id, ended_at FROM sessions
                WHERE account_id = @account AND id = @session AND deleted_at IS NULL
                FOR SHARE
                """;
            session.Parameters.AddWithValue("account", message.AccountId);
            session.Parameters.AddWithValue("session", message.SessionId);
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
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO messages (account_id, id, session_id, role, content, customer_user_id, created_at, updated_at)
                VALUES (@account, @id, @session, @role, @content, @customer, @at, @at)
                ON CONFLICT DO NOTHING
                """;
            insert.Parameters.AddWithValue("account", stored.UserID);
            insert.Parameters.AddWithValue("id", stored.Id);
            insert.Parameters.AddWithValue("session", stored.SessionID);
            insert.Parameters.AddWithValue("role", stored.Role);
            insert.Parameters.AddWithValue("content", stored.Content);
            insert.Parameters.AddWithValue("customer", (object?)stored.CustomerUserID ?? DBNull.Value);
            insert.Parameters.AddWithValue("at", UnixMs.From(stored.CreatedAt));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1
                ? new MessageInsert(MessageInsertOutcome.Created, stored)
                : new MessageInsert(MessageInsertOutcome.Duplicate, null);
        }, cancellationToken);

    public Task<Message?> GetMessageAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {MessageColumns} FROM messages WHERE account_id = @account AND id = @id AND deleted_at IS NULL";
            command.Parameters.AddWithValue("account", account);
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadMessage(reader, account, MessagePosition(reader)) : null;
        }, cancellationToken);

    public Task<Page<Message>> ListMessagesAsync(string account, MessageFilter filter,
        PageRequest page, CancellationToken cancellationToken = default)
    {
        var list = StoredLists.Messages(filter);
        void Bind(DbCommand command) => StoredLists.BindMessages(command, account, filter);

        // No transaction: the page and totalCount come from one statement (a counted list), so
        // they see one snapshot, in one round trip.
        return ReadAsync(connection => KeysetPaging.ReadPageAsync(KeysetPaging.CommandsOf(connection), list, Bind, page,
            (reader, position) => ReadMessage(reader, account, position), MessagePosition, cancellationToken), cancellationToken);
    }

    public async Task<bool> DeleteMessageAsync(string account, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM messages WHERE account_id = @account AND id = @id AND deleted_at IS NULL";
        command.Parameters.AddWithValue("account", account);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

}
