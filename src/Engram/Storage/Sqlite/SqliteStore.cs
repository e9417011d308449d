using System.Security.Cryptography;
using Microsoft.Data.Sqlite;

namespace Engram.Storage.Sqlite;

/// The embedded backend: one SQLite file in WAL mode. SQLite allows one writer at a time, so
/// writes queue on an in-process gate instead of spinning on SQLITE_BUSY; reads run in parallel
/// on pooled connections. The default synchronous=FULL makes every acknowledged commit durable.
public sealed partial class SqliteStore : IStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public SqliteStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        _connectionString = builder.ToString();
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await ExecuteAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
            cancellationToken);
        // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once apply each script once.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var applied = Convert.ToInt32(await ScalarAsync(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        foreach (var script in MigrationScript.For("Sqlite"))
        {
            if (script.Version <= applied)
            {
                continue;
            }
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
            record.Parameters.AddWithValue("@version", script.Version);
            record.Parameters.AddWithValue("@name", script.Name);
            record.Parameters.AddWithValue("@at", UnixMs.From(UnixMs.Now()));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await ScalarAsync(connection, "SELECT 1 FROM schema_migrations LIMIT 1", cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    public async Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        await WriteAsync(async (connection, _) =>
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT DO NOTHING";
            insert.Parameters.AddWithValue("@name", name);
            insert.Parameters.AddWithValue("@value", RandomNumberGenerator.GetBytes(32));
            return await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM settings WHERE name = @name";
        select.Parameters.AddWithValue("@name", name);
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        SqliteConnection.ClearAllPools();
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// Runs `work` in one IMMEDIATE transaction, after the writes queued before it.
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: false);
            var result = await work(connection, transaction);
            await transaction.CommitAsync(CancellationToken.None);
            return result;
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static DateTime? NullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : UnixMs.ToDateTime(reader.GetInt64(ordinal));

    private static string? NullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
