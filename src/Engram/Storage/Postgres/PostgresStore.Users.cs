using System.Data.Common;
using Engram.Paging;
using Engram.Users;
using static Engram.Storage.StoredRows;

namespace Engram.Storage.Postgres;

public sealed partial class PostgresStore
{
    public async Task<InsertOutcome> InsertUserAsync(User user, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit, so of two
        // nodes creating one id at once exactly one sees a row inserted.
        command.CommandText = """
            INSERT INTO users (account_id, id, first_name, last_name, email, phone, created_at, updated_at)
            VALUES (@account, @id, @first, @last, @email, @phone, @at, @at)
            ON CONFLICT DO NOTHING
            """;
        command.Parameters.AddWithValue("account", user.Owner);
        command.Parameters.AddWithValue("id", user.Id);
        command.Parameters.AddWithValue("first", user.FirstName);
        command.Parameters.AddWithValue("last", user.LastName);
        command.Parameters.AddWithValue("email", (object?)user.Email ?? DBNull.Value);
        command.Parameters.AddWithValue("phone", (object?)user.Phone ?? DBNull.Value);
        command.Parameters.AddWithValue("at", UnixMs.From(user.CreatedAt));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? InsertOutcome.Created : InsertOutcome.Duplicate;
    }

    public Task<User?> GetUserAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {UserColumns} FROM users WHERE account_id = @account AND id = @id";
            command.Parameters.AddWithValue("account", account);
            command.Parameters.AddWithValue("id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadUser(reader, account, UserPosition(reader)) : null;
        }, cancellationToken);

    public Task<Page<User>> ListUsersAsync(string account, PageRequest page, CancellationToken cancellationToken = default) =>
        ReadAsync(async connection =>
        {
            // No transaction: the page, with its look the other way, is one statement. Only when the
            // cursor's row is gone or the page is empty does a second look follow (KeysetPaging), and
            // it sees the list as it is then, which is what a next request would see too.
            return await KeysetPaging.ReadPageAsync(KeysetPaging.CommandsOf(connection), StoredLists.Users, command => KeysetPaging.Add(command, "@account", account),
                page, (reader, position) => ReadUser(reader, account, position), UserPosition, cancellationToken);
        }, cancellationToken);

    public async Task<bool> DeleteUserAsync(string account, string id, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM users WHERE account_id = @account AND id = @id";
        command.Parameters.AddWithValue("account", account);
        command.Parameters.AddWithValue("id", id);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

}
