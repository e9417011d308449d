namespace Engram.Retrieval;

/// An index this process loaded for one memory (its chunks' or its facts'), which IndexBudget may
/// drop when no query holds it; the next query of the memory then loads it again.
public abstract class LoadedIndex(long incarnation)
{
    private int users;
    private long lastUse;

    /// The memory's created_at: tells it from an earlier memory of the same id that was deleted.
    public long Incarnation => incarnation;

    /// About the bytes the index holds, counted cheaply: read from any thread, while a refresh may be changing it.
    public abstract long EstimatedBytes { get; }

    /// Refreshed or searched right now: the budget never drops it then.
    internal bool InUse => Volatile.Read(ref users) > 0;

    /// When it was last taken for a query, as the budget's count of uses: the least recent goes first.
    internal long LastUse => Volatile.Read(ref lastUse);

    internal void Enter(long use)
    {
        Interlocked.Increment(ref users);
        Volatile.Write(ref lastUse, use);
    }

    internal void Leave() => Interlocked.Decrement(ref users);
}

/// A memory's index taken for one search; disposing it lets the budget drop the index again when
/// it needs the room.
public sealed class IndexInUse<TIndex>(TIndex index) : IDisposable where TIndex : LoadedIndex
{
    private int disposed;

    public TIndex Index => index;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            index.Leave();
        }
    }
}
