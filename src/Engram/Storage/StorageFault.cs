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
            if ((PostgresStore.FaultOf(e) ?? SqliteStore.FaultOf(e) ?? FileFault(e)) is { } fault)
            {
                return fault;
            }
        }
        return null;
    }

    // On Unix .NET gives an IOException the errno as its HResult: ENOSPC, EFBIG (past the file-size
    // limit), EDQUOT; on Windows ERROR_HANDLE_DISK_FULL and ERROR_DISK_FULL. A write past the file-size
    // limit, though, System.IO reports as ArgumentOutOfRangeException("value"), "Specified file length
    // was too large for the file system". An upload, or the temporary copy a sample is read through,
    // then fails for want of room, not for its content.
    private static StorageFault? FileFault(Exception e) => e switch
    {
        IOException { HResult: 28 or 27 or 122 or unchecked((int)0x80070027) or unchecked((int)0x80070070) } => StorageFault.Full,
        ArgumentOutOfRangeException { ParamName: "value", TargetSite.DeclaringType.Namespace: "System.IO" } => StorageFault.Full,
        _ => null,
    };

    /// What the database or the operating system said, for the log: the message and the one it wraps.
    public static string Reason(Exception error) =>
        error.InnerException is { } inner ? $"{error.Message} ({inner.Message})" : error.Message;
}
