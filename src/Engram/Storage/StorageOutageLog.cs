namespace Engram.Storage;

/// What a background service that polls the database says while storage is gone: one line when it
/// fails, with the fault and the database's reason, and one when it answers again, however many
/// ticks fail in between (the feed and the webhook sender look four times a second). No stack: an
/// outage is expected, and the reason says what there is to say. Shared by a service's loops.
public sealed partial class StorageOutageLog(ILogger logger, string service, string waits, string resumes)
{
    private int _out; // 1 from the first failure said until storage answers again

    /// Whether `error` is a storage fault: if so, it is said when it begins an outage, and the
    /// caller logs nothing; anything else is the caller's to log, with its exception.
    public bool Failed(Exception error)
    {
        if (StorageFaults.Of(error) is not { } fault)
        {
            return false;
        }
        if (Interlocked.Exchange(ref _out, 1) == 0)
        {
            LogFailed(service, fault == StorageFault.Full ? "is full" : "is unavailable", StorageFaults.Reason(error), waits);
        }
        return true;
    }

    /// Whether an outage was said and not yet its end.
    public bool IsOut => Volatile.Read(ref _out) == 1;

    /// Storage answered: ends the outage said, if any, with its line.
    public void Answered()
    {
        if (IsOut && Interlocked.Exchange(ref _out, 0) == 1)
        {
            LogAnswered(service, resumes);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service}: storage {Fault} ({Reason}); {Waits}")]
    private partial void LogFailed(string service, string fault, string reason, string waits);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service}: storage answers again; {Resumes}")]
    private partial void LogAnswered(string service, string resumes);
}
