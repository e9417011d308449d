using System.Data.Common;
using Engram.Paging;
using Engram.Sessions;
using Npgsql;
using static Engram.Storage.StoredRows;

namespace Engram.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<InsertOutcome> InsertSessionAsync(Session session, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit, so of two
        // nodes creating one id at once exactly one sees a row inserted.
        command.CommandText = """
            INSERT INTO sessions (account_id, id, customer_user_id, metadata, created_at, updated_at)
            VALUES (@account, @id, @customer, @metadata, @at, @at)
            ON CONFLICT DO NOTHING
            """;
        command.Parameters.AddWithValue("account", session.UserID);
        command.Parameters.AddWithValue("id", session.Id);
        command.Parameters.AddWithValue("customer", (object?)session.CustomerUserID ?? DBNull.Value);
        command.Parameters.AddWithValue("metadata", SessionMetadata.Serialize(session.Metadata));
        command.Parameters.AddWithValue("at", UnixMs.From(session.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? InsertOutcome.Created : InsertOutcome.Duplicate;
    }

    public Task<Session?> GetSessionAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(connection => GetLiveSessionAsync(connection, account, id, cancellationToken), cancellationToken);

    public Task<Page<Session>> ListSessionsAsync(string account, string? customerUserId, PageRequest page,
        CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            // No transaction: the page, with its look the other way, is one statement. Only when the
            // cursor's row is gone or the page is empty does a second look follow (KeysetPaging), and
            // it sees the list as it is then, which is what a next request would see too.
            return await KeysetPaging.ReadPageAsync(KeysetPaging.CommandsOf(connection), StoredLists.SessionsOf(customerUserId),
                command => StoredLists.BindSessions(command, account, customerUserId),
                page, (reader, position) => ReadSession(reader, account, position), SessionPosition, cancellationToken);
        }, cancellationToken);

    public Task<bool> DeleteSessionAsync(string account, string id, DateTime at, CancellationToken cancellationToken = default) =>
        WriteAsync(async connection =>
        {
            // The UPDATE locks the session row, so a message insert holding it FOR SHARE finishes first
            // (and its message is hidden below) or waits and then finds the session deleted.
            await using var session = connection.CreateCommand();
            session.CommandText = """
                UPDATE sessions SET deleted_at = @at, updated_at = @at
                WHERE account_id = @account AND id = @id AND deleted_at IS NULL
                """;
            AddKeyAndTime(session, account, id, at);
            if (await session.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
            await using var messages = connection.CreateCommand();
            messages.CommandText = """
                UPDATE messages SET deleted_at = @at
                WHERE account_id = @account AND session_id = @id AND deleted_at IS NULL
                """;
            AddKeyAndTime(messages, account, id, at);
            await messages.ExecuteNonQueryAsync(cancellationToken);
            return true;
        }, cancellationToken);

    public Task<Session?> EndSessionAsync(string account, string id, DateTime at, CancellationToken cancellationToken = default) =>
        WriteAsync(async connection =>
        {
            // Of two concurrent ends the second waits for the first, re-checks ended_at IS NULL on the
            // committed row and updates nothing, so the first endedAt stays.
            await using var end = connection.CreateCommand();
            end.CommandText = """
                UPDATE sessions SET ended_at = @at, updated_at = @at
                WHERE account_id = @account AND id = @id AND deleted_at IS NULL AND ended_at IS NULL
                """;
            AddKeyAndTime(end, account, id, at);
            await end.ExecuteNonQueryAsync(cancellationToken);
            return await GetLiveSessionAsync(connection, account, id, cancellationToken);
        }, cancellationToken);

    private static async Task<Session?> GetLiveSessionAsync(NpgsqlConnection connection, string account, string id,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SessionColumns} FROM sessions WHERE account_id = @account AND id = @id AND deleted_at IS NULL";
        command.Parameters.AddWithValue("account", account);
        command.Parameters.AddWithValue("id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadSession(reader, account, SessionPosition(reader)) : null;
    }


    private static void AddKeyAndTime(NpgsqlCommand command, string account, string id, DateTime at)
    {
        command.Parameters.AddWithValue("account", account);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("at", UnixMs.From(at));
    }
}
