using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Engram.Storage.Sqlite;

/// The embedded backend: one SQLite file in WAL mode. SQLite allows one writer at a time, so
/// writes queue in-process instead of spinning on SQLITE_BUSY, and the writes queued together
/// commit together (group commit, see WriteAsync); reads run in parallel on pooled connections
/// that keep their prepared statements. The default synchronous=FULL makes every acknowledged
/// commit durable. The SQL itself is SqlStore's, shared with PostgreSQL.
public sealed class SqliteStore : SqlStore
{
    // Enough for every request that can be inside a read at once on a small machine; a burst
    // beyond it opens connections that are closed when they come back.
    private static readonly int MaxIdleReaders = Math.Max(8, 4 * Environment.ProcessorCount);

    private readonly string _connectionString;
    private readonly ConcurrentBag<PreparedConnection> _idleReaders = [];
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly ConcurrentQueue<PendingWrite> _pendingWrites = new();
    private PreparedConnection? _writer; // only touched while holding _writeGate

    static SqliteStore()
    {
        // Both settings take effect only before SQLite's first open in this process (otherwise
        // they fail with SQLITE_MISUSE and SQLite stays as it was, which is correct, only slower).
        // Multi-thread mode drops the mutex SQLite takes around every call on a connection: a
        // connection here is only ever used by one request at a time (a reader from the pool, the
        // writer under the write gate). Without memory statistics, SQLite's allocations stop
        // sharing one process-wide mutex. Together: about 5 us less CPU per listed page.
        SQLitePCL.Batteries_V2.Init();
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MULTITHREAD);
        SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }

    public SqliteStore(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString)
        {
            Mode = SqliteOpenMode.ReadWriteCreate,
            // The store pools its own open connections (PreparedConnection). Microsoft.Data.Sqlite's
            // pool would only add a hazard: it takes back a handle still inside a BEGIN it never
            // saw (ours are prepared statements), and hands it to the next opener as it is.
            // Unpooled, disposing a connection closes the handle, and closing rolls back.
            Pooling = false,
            DefaultTimeout = 30,
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        _connectionString = builder.ToString();
    }

    public override async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await connection.ExecuteAsync("PRAGMA journal_mode = WAL", cancellationToken);
        await connection.ExecuteAsync(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
            cancellationToken);
        // BEGIN IMMEDIATE takes the write lock first, so two processes starting at once apply each script once.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await MigrationScript.ApplyAsync(connection, "Sqlite", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public override async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            await connection.ScalarAsync("SELECT 1 FROM schema_migrations LIMIT 1", cancellationToken);
            return true;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    public override StoreKind Kind => StoreKind.Sqlite;

    /// SQLITE_FULL is a full disk (ENOSPC). A write the operating system refused otherwise is
    /// SQLITE_IOERR: a failing disk, or a file past the process's size limit (EFBIG), which is
    /// how a quota shows; either way the file cannot be written now.
    internal static StorageFault? FaultOf(Exception e) => e switch
    {
        SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL } => StorageFault.Full,
        SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_IOERR } => StorageFault.Unavailable,
        _ => null,
    };

    public override ValueTask DisposeAsync()
    {
        _writeGate.Dispose();
        _writer?.Dispose();
        while (_idleReaders.TryTake(out var reader))
        {
            reader.Dispose();
        }
        return ValueTask.CompletedTask;
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// Runs `read` on an open connection from the store's pool, with its prepared statements.
    public override async Task<T> ReadAsync<T>(Func<ISqlConnection, Task<T>> read, CancellationToken cancellationToken = default)
    {
        var db = _idleReaders.TryTake(out var idle) ? idle : new PreparedConnection(await OpenAsync(cancellationToken));
        T result;
        try
        {
            result = await read(db);
        }
        catch
        {
            db.Dispose(); // whatever went wrong may have left it in a state nobody should inherit
            throw;
        }
        if (_idleReaders.Count < MaxIdleReaders)
        {
            _idleReaders.Add(db);
        }
        else
        {
            db.Dispose();
        }
        return result;
    }

    /// Runs `write` in an IMMEDIATE transaction, after the writes queued before it, and returns
    /// once that transaction has committed. Group commit: whoever holds the write gate runs every
    /// write queued so far, each in its own savepoint, in one transaction, so concurrent writes
    /// share one fsync instead of taking one each. A write that fails rolls back to its savepoint
    /// and fails alone; if the commit fails, every write of the batch fails. No write's result is
    /// handed out before the commit that stored it, so a 2xx still means durable.
    public override async Task<T> WriteAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default)
    {
        var pending = new PendingWrite<T>(write, cancellationToken);
        _pendingWrites.Enqueue(pending);
        await _writeGate.WaitAsync(CancellationToken.None);
        try
        {
            // A batch holds at most MaxWritesPerCommit writes, and this one may be further back
            // than that; its owner is the only caller sure to still hold the gate for it.
            while (!pending.Task.IsCompleted)
            {
                await CommitPendingAsync();
            }
        }
        finally
        {
            _writeGate.Release();
        }
        return await pending.Task;
    }

    /// One statement is a write like any other here: it joins the group commit.
    public override Task<T> WriteStatementAsync<T>(Func<ISqlConnection, Task<T>> write, CancellationToken cancellationToken = default) =>
        WriteAsync(write, cancellationToken);

    private const int MaxWritesPerCommit = 256;

    // SQLite checkpoints the WAL inside the COMMIT that takes it past this many pages, and every
    // write queued behind that commit waits for the copy and its sync. At SQLite's default of
    // 1,000 pages those commits put the creates' p99 at 11-12 ms (32 connections, 1M sessions);
    // at 250 it is 6-7 ms, for about 5% fewer creates per second. A checkpoint on a connection
    // of its own does not help: it competes for the disk with every commit's sync, and with
    // writes that never pause it never lets the WAL start over (30 ms p99, a WAL of 40 MB).
    private const int CheckpointPages = 250;

    private async Task<PreparedConnection> OpenWriterAsync()
    {
        var writer = new PreparedConnection(await OpenAsync(CancellationToken.None));
        writer.Execute($"PRAGMA wal_autocheckpoint = {CheckpointPages}");
        return writer;
    }

    private async Task CommitPendingAsync()
    {
        var batch = new List<PendingWrite>();
        while (batch.Count < MaxWritesPerCommit && _pendingWrites.TryDequeue(out var queued))
        {
            batch.Add(queued);
        }
        try
        {
            _writer ??= await OpenWriterAsync();
            _writer.Execute("BEGIN IMMEDIATE");
            foreach (var write in batch)
            {
                await write.RunAsync(_writer);
            }
            _writer.Execute("COMMIT");
        }
        catch (Exception e)
        {
            // BEGIN, a savepoint or COMMIT failed: nothing of this batch is stored.
            _writer?.Dispose();
            _writer = null;
            foreach (var write in batch)
            {
                write.Fail(e);
            }
            return;
        }
        foreach (var write in batch)
        {
            write.Complete();
        }
    }
}
