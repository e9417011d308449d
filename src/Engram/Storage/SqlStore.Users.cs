using Engram.Paging;
using Engram.Users;
using static Engram.Storage.StoredRows;

namespace Engram.Storage;

public abstract partial class SqlStore
{
    private static readonly ColumnOrdinals<UserOrdinals> UserRow = new(reader => new UserOrdinals(reader));
    private static readonly ColumnOrdinals<UserOrdinals> ListedUserRow = new(reader => new UserOrdinals(reader));

    // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit, so of two
    // nodes creating one id at once exactly one sees a row inserted.
    public Task<InsertOutcome> InsertUserAsync(User user, CancellationToken cancellationToken = default) =>
        WriteStatementAsync(async db => await db.Command("""
            INSERT INTO users (account_id, id, first_name, last_name, email, phone, created_at, updated_at)
            VALUES (@account, @id, @first, @last, @email, @phone, @at, @at)
            ON CONFLICT DO NOTHING
            """).With("@account", user.Owner).With("@id", user.Id).With("@first", user.FirstName).With("@last", user.LastName)
            .With("@email", user.Email).With("@phone", user.Phone).With("@at", UnixMs.From(user.CreatedAt))
            .ExecuteNonQueryAsync(cancellationToken) == 1 ? InsertOutcome.Created : InsertOutcome.Duplicate, cancellationToken);

    public Task<User?> GetUserAsync(string account, string id, CancellationToken cancellationToken = default) =>
        ReadAsync(async db =>
        {
            await using var reader = await db.Command($"SELECT {UserColumns} FROM users WHERE account_id = @account AND id = @id")
                .With("@account", account).With("@id", id).ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }
            var at = UserRow.Of(reader);
            return ReadUser(reader, at, account, UserPosition(reader, at));
        }, cancellationToken);

    public Task<Page<User>> ListUsersAsync(string account, PageRequest page, CancellationToken cancellationToken = default) =>
        // No transaction, as for sessions (SqlStore.Sessions.cs).
        ReadAsync(db => KeysetPaging.ReadPageAsync(db.Command, StoredLists.Users, command => command.With("@account", account), page,
            (reader, position) => ReadUser(reader, ListedUserRow.Of(reader), account, position),
            reader => UserPosition(reader, ListedUserRow.Of(reader)), cancellationToken), cancellationToken);

    public Task<bool> DeleteUserAsync(string account, string id, CancellationToken cancellationToken = default) =>
        WriteStatementAsync(async db => await db.Command("DELETE FROM users WHERE account_id = @account AND id = @id")
            .With("@account", account).With("@id", id).ExecuteNonQueryAsync(cancellationToken) == 1, cancellationToken);
}
