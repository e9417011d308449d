using System.Data;
using System.Net.Sockets;
using Npgsql;

namespace Engram.Storage.Postgres;

/// The shared backend: several Engram processes may use one PostgreSQL. Connections come from one
/// pooled data source; writes run at READ COMMITTED and take row locks where a check must hold until
/// the write lands, so concurrent nodes agree without any in-process gate. The SQL itself is
/// SqlStore's, shared with SQLite.
public sealed class PostgresStore : SqlStore
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
        // Engram keeps no session state on a connection (no SET, LISTEN, temporary tables or session
        // locks), so the reset Npgsql sends before a pooled connection's next statement buys nothing;
        // skipping it halves a short statement's round trip (0.17 → 0.08 ms measured here).
        builder.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    public override async Task MigrateAsync(CancellationToken cancellationToken = default)
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
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at bigint NOT NULL)",
            cancellationToken);
        await MigrationScript.ApplyAsync(connection, "Postgres", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public override async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ScalarAsync("SELECT 1 FROM schema_migrations LIMIT 1", cancellationToken);
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException
            or IOException or SocketException or TimeoutException)
        {
            return false;
        }
    }

    public override ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    public override StoreKind Kind => StoreKind.Postgres;

    // FOR SHARE holds the session row until the message insert commits: a concurrent delete or end
    // (an UPDATE of that row) waits for it, and one that committed first makes this read find no
    // live, unended session. Concurrent inserts into one session do not block each other.
    protected override string SessionLock => " FOR SHARE";

    /// Runs a read on a pooled connection, once more on a fresh one if the first had died while it
    /// sat in the pool. After the database restarts, fails over or ends its sessions, every pooled
    /// connection fails on its first command; Npgsql then empties the pool, but that first request
    /// used to be a 500. Only reads are run again: a write that failed may still have committed.
    public override async Task<T> ReadAsync<T>(Func<ISqlConnection, Task<T>> read, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
                return await read(new NpgsqlCommands(connection));
            }
            catch (Exception e) when (attempt == 1 && IsBrokenConnection(e))
            {
                // Npgsql drops only the connection that failed; the others in the pool died with it
                // (a restart ends them all), so the pool is emptied and the next attempt opens a fresh one.
                _dataSource.Clear();
            }
        }
    }

    /// Runs `write` in one READ COMMITTED transaction and commits it.
    public override async Task<T> WriteAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        var result = await write(new NpgsqlCommands(connection));
        await transaction.CommitAsync(CancellationToken.None);
        return result;
    }

    /// Runs one statement with no transaction around it (a statement commits on its own). In
    /// WriteAsync Npgsql sends BEGIN along with the first statement, but COMMIT is a round trip more.
    public override async Task<T> WriteStatementAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await write(new NpgsqlCommands(connection));
    }

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

    // The server ended the session (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot
    // connect now), the connection failed (class 08), or its socket did.
    private static bool IsBrokenConnection(Exception e) => e switch
    {
        PostgresException p => p.SqlState.StartsWith("57P0", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal),
        NpgsqlException n => n.InnerException is IOException or SocketException,
        _ => false,
    };

    /// The database is out of reach: its connection or socket failed or timed out, the server ended
    /// the session or refuses new ones (57P0x, 08xxx, 53300 too many connections); or its disk is
    /// full (53100). A refused statement (a constraint, a syntax error) is none of these.
    internal static StorageFault? FaultOf(Exception e) => e switch
    {
        PostgresException { SqlState: "53100" } => StorageFault.Full,
        PostgresException p when p.SqlState.StartsWith("57P0", StringComparison.Ordinal) || p.SqlState.StartsWith("08", StringComparison.Ordinal)
            || p.SqlState == "53300" => StorageFault.Unavailable,
        PostgresException => null,
        NpgsqlException { InnerException: IOException or SocketException or TimeoutException } => StorageFault.Unavailable,
        _ => null,
    };
}
