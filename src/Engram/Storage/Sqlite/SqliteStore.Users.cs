using System.Data.Common;
using Engram.Paging;
using Engram.Users;
using static Engram.Storage.StoredRows;

namespace Engram.Storage.Sqlite;

public sealed partial class SqliteStore
{
    public Task<InsertOutcome> InsertUserAsync(User user, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            var command = db.Command("""
                INSERT INTO users (account_id, id, first_name, last_name, email, phone, created_at, updated_at)
                VALUES (@account, @id, @first, @last, @email, @phone, @at, @at)
                ON CONFLICT DO NOTHING
                """);
            command.Parameters.AddWithValue("@account", user.Owner);
            command.Parameters.AddWithValue("@id", user.Id);
            command.Parameters.AddWithValue("@first", user.FirstName);
            command.Parameters.AddWithValue("@last", user.LastName);
            command.Parameters.AddWithValue("@email", (object?)user.Email ?? DBNull.Value);
            command.Parameters.AddWithValue("@phone", (object?)user.Phone ?? DBNull.Value);
            command.Parameters.AddWithValue("@at", UnixMs.From(user.CreatedAt));
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1 ? InsertOutcome.Created : InsertOutcome.Duplicate;
        }, cancellationToken);

    public Task<User?> GetUserAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(async db =>
        {
            var command = db.Command($"SELECT {UserColumns} FROM users WHERE account_id = @account AND id = @id");
            command.Parameters.AddWithValue("@account", account);
            command.Parameters.AddWithValue("@id", id);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? ReadUser(reader, account, UserPosition(reader)) : null;
        }, cancellationToken);

    public Task<Page<User>> ListUsersAsync(string account, PageRequest page, CancellationToken cancellationToken = default) =>
        ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, StoredLists.Users, command => KeysetPaging.Add(command, "@account", account),
            page, (reader, position) => ReadUser(reader, account, position), UserPosition, cancellationToken),
            cancellationToken);

    public Task<bool> DeleteUserAsync(string account, string id, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            var command = db.Command("DELETE FROM users WHERE account_id = @account AND id = @id");
            command.Parameters.AddWithValue("@account", account);
            command.Parameters.AddWithValue("@id", id);
            return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

}
