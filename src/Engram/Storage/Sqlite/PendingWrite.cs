using Microsoft.Data.Sqlite;

namespace Engram.Storage.Sqlite;

/// One write waiting for the group commit (SqliteStore.WriteAsync): it runs inside the batch's
/// transaction, in its own savepoint, and its caller gets the result only after the commit.
/// A failure can be handed out at once: nothing of a failed write is ever committed.
internal abstract class PendingWrite
{
    private const string Savepoint = "engram_write";

    public async Task RunAsync(PreparedConnection db)
    {
        if (IsCancelled)
        {
            Fail(new OperationCanceledException());
            return;
        }
        db.Execute("SAVEPOINT " + Savepoint);
        try
        {
            await RunWorkAsync(db);
        }
        catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_IOERR or SQLitePCL.raw.SQLITE_FULL })
        {
            // This write alone goes; the ones before and after it in the batch still commit. (A disk
            // error is the batch's: it propagates, and the whole batch fails.)
            db.Execute("ROLLBACK TO " + Savepoint);
            db.Execute("RELEASE " + Savepoint);
            Fail(e);
            return;
        }
        db.Execute("RELEASE " + Savepoint);
    }

    protected abstract bool IsCancelled { get; }

    protected abstract Task RunWorkAsync(PreparedConnection db);

    /// Hands out the result: called only once the batch's transaction has committed.
    public abstract void Complete();

    public abstract void Fail(Exception error);
}

internal sealed class PendingWrite<T>(Func<ISqlConnection, Task<T>> work, CancellationToken cancellationToken) : PendingWrite
{
    private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _outcome.Task;

    protected override bool IsCancelled => cancellationToken.IsCancellationRequested;

    protected override async Task RunWorkAsync(PreparedConnection db) => _result = await work(db);

    public override void Complete() => _outcome.TrySetResult(_result); // a write that failed stays failed

    public override void Fail(Exception error) => _outcome.TrySetException(error);
}
