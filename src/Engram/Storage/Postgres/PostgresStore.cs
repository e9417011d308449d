using System.Data;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;
using static Engram.Storage.StoredRows;

namespace Engram.Storage.Postgres;

/// The shared backend: several Engram processes may use one PostgreSQL. Connections come from one
/// pooled data source; writes run at READ COMMITTED and take row locks where a check must hold until
/// the write lands, so concurrent nodes agree without any in-process gate.
public sealed partial class PostgresStore : IStore
{
    // Any constant works, as long as every Engram process uses the same one for its migrations.
    private const long MigrationLockKey = 0x456e6772616d; // "Engram"

    private readonly NpgsqlDataSource _dataSource;

    public PostgresStore(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        // Requests run a bounded set of statements (each list's filter and cursor shapes, about a
        // hundred texts, a few dozen in steady use); preparing the busiest saves a parse and plan
        // each time, and Npgsql unprepares the least used beyond the limit. Npgsql leaves this off
        // by default (0), so 0 means "not chosen" here.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Two nodes starting at once queue here, so each script is applied once; the lock ends with
        // the transaction. It is taken before CREATE TABLE IF NOT EXISTS, which is not safe to race.
        await using (var lockCommand = connection.CreateCommand())
        {
            lockCommand.CommandText = "SELECT pg_advisory_xact_lock(@key)";
            lockCommand.Parameters.AddWithValue("key", MigrationLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)",
            cancellationToken);
        var applied = Convert.ToInt32(await ScalarAsync(connection, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations", cancellationToken),
            System.Globalization.CultureInfo.InvariantCulture);
        foreach (var script in MigrationScript.For("Postgres"))
        {
            if (script.Version <= applied)
            {
                continue;
            }
            await ExecuteAsync(connection, script.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)";
            record.Parameters.AddWithValue("version", script.Version);
            record.Parameters.AddWithValue("name", script.Name);
            record.Parameters.AddWithValue("at", UnixMs.From(UnixMs.Now()));
            await record.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await ScalarAsync(connection, "SELECT 1 FROM schema_migrations LIMIT 1", cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException
            or IOException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    public async Task<byte[]> GetOrCreateSecretAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        // Whichever node inserts first wins; every node then reads that one value.
        await using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO settings (name, value) VALUES (@name, @value) ON CONFLICT DO NOTHING";
            insert.Parameters.AddWithValue("name", name);
            insert.Parameters.AddWithValue("value", RandomNumberGenerator.GetBytes(32));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT value FROM settings WHERE name = @name";
        select.Parameters.AddWithValue("name", name);
        return (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public StoreKind Kind => StoreKind.Postgres;

    Task<T> IStore.ReadAsync<T>(Func<ISqlConnection, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(connection => read(new NpgsqlCommands(connection)), cancellationToken);

    Task<T> IStore.WriteAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken) =>
        WriteAsync(connection => write(new NpgsqlCommands(connection)), cancellationToken);

    /// Npgsql prepares by SQL text on its own (MaxAutoPrepare), so a fresh command each time is cheap;
    /// its commands hold nothing that needs disposing once their reader is closed.
    private sealed class NpgsqlCommands(NpgsqlConnection connection) : ISqlConnection
    {
        public System.Data.Common.DbCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }

    /// Runs `work` in one READ COMMITTED transaction and commits it.
    /// Runs a read on a pooled connection, once more on a fresh one if the first had died while it
    /// sat in the pool. After the database restarts, fails over or ends its sessions, every pooled
    /// connection fails on its first command; Npgsql then empties the pool, but that first request
    /// used to be a 500. Only reads are run again: a write that failed may still have committed.
    private async Task<T> ReadAsync<T>(Func<NpgsqlConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await read(connection);
            }
            catch (Exception e) when (attempt == 1 && IsBrokenConnection(e))
            {
                // Npgsql has emptied the pool by now: the next attempt opens a fresh connection.
            }
        }
    }

    // The server ended the session (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
    // connect now), the connection failed (class 08), or its socket did.
    private static bool IsBrokenConnection(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("57P0", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.InnerException is IOException or SocketException,
        _ => false,
    };

    private async Task<T> WriteAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var result = await work(connection);
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }


}
