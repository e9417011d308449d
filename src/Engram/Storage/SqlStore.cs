using System.Security.Cryptography;

namespace Engram.Storage;

/// The sessions half's SQL, written once for both backends (SqlStore.*.cs, one file per table):
/// every statement runs through ReadAsync, WriteAsync or WriteStatementAsync, which SqliteStore
/// and PostgresStore implement with their own connections, pooling and transactions. What a
/// backend's class keeps besides those is only what really differs between the two databases:
/// its migrations' locking, its health check, and the row lock a message insert takes (SessionLock).
/// A new table needs none of this: a class of its own over IStore's ReadAsync, WriteAsync and
/// WriteStatementAsync, and a migration per backend.
public abstract partial class SqlStore : IStore
{
    public abstract StoreKind Kind { get; }

    public abstract Task MigrateAsync(CancellationToken cancellationToken = default);

    public abstract Task<bool> PingAsync(CancellationToken cancellationToken = default);

    public abstract Task<T> ReadAsync<T>(Func<ISqlConnection, Task<T>> read, CancellationToken cancellationToken = default);

    public abstract Task<T> WriteAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default);

    public abstract Task<T> WriteStatementAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default);

    public abstract ValueTask DisposeAsync();

    /// Appended to the read of the session a message goes into, inside the insert's transaction,
    /// so the session cannot be deleted or ended between that check and the insert. SQLite needs
    /// nothing: its one writer at a time already holds every row still.
    protected virtual string SessionLock => "";

    public async Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        // Whichever node inserts first wins; every node then reads that one value.
        await WriteStatementAsync(db => db.Command("INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT DO NOTHING")
            .With("@name", name).With("@value", RandomNumberGenerator.GetBytes(32)).ExecuteNonQueryAsync(cancellationToken),
            cancellationToken);
        return await ReadAsync(async db => (byte[])(await db.Command("SELECT value FROM settings WHERE name = @name")
            .With("@name", name).ExecuteScalarAsync(cancellationToken))!, cancellationToken);
    }
}
