using Engram.Storage.Postgres;
using Engram.Storage.Sqlite;

namespace Engram.Storage;

/// A database call that failed because of the storage, not the request or the code: the database
/// cannot be reached or written (Unavailable), or its disk is full (Full). Such a fault passes when
/// the storage comes back, so the API answers 503 and the ingestion worker waits for it.
public enum StorageFault { Unavailable, Full }

public static class StorageFaults
{
    /// The storage fault behind `error`, or behind an exception it wraps; null when it is anything else.
    public static StorageFault? Of(Exception error)
    {
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            if ((PostgresStore.FaultOf(e) ?? SqliteStore.FaultOf(e)) is { } fault)
            {
                return fault;
            }
        }
        return null;
    }

    /// What the database or the operating system said, for the log: the message and the one it wraps.
    public static string Reason(Exception error) =>
        error.InnerException is { } inner ? $"{error.Message} ({inner.Message})" : error.Message;
}
