using System.Collections.Concurrent;
using Engram.Operations;

namespace Engram.Retrieval;

/// Every index loaded in this process, of every kind (a memory's chunks, Retrieval/MemoryIndexes; a
/// graph memory's facts, Graph/GraphIndexes), under one memory budget (Engram:Retrieval:IndexMegabytes).
/// Past it, the least recently queried indexes not in use are dropped whole, whatever their kind; the
/// next query of such a memory loads it again, as after a restart.
public sealed class IndexBudget
{
    private readonly ConcurrentDictionary<(Type Kind, string Account, string Memory), LoadedIndex> _indexes = new();
    private readonly long budgetBytes;
    private readonly Lock evicting = new();
    private long uses;
    private long droppedSinceCollection;

    public IndexBudget(long budgetBytes, EngramMetrics? metrics = null)
    {
        this.budgetBytes = budgetBytes;
        metrics?.ObserveIndexes(() => Count, LoadedBytes);
    }

    /// The indexes loaded, of every kind.
    public int Count => _indexes.Count;

    /// The loaded indexes of one kind.
    public int CountOf<TIndex>() where TIndex : LoadedIndex => _indexes.Keys.Count(key => key.Kind == typeof(TIndex));

    /// The estimated bytes of every index loaded.
    public long LoadedBytes()
    {
        var total = 0L;
        foreach (var (_, index) in _indexes)
        {
            total += index.EstimatedBytes;
        }
        return total;
    }

    /// The memory's index of this kind, held until the result is disposed: made empty for a memory not
    /// loaded here or loaded as an earlier incarnation (a memory of the same id, since deleted), and
    /// refreshed when `current` says it is behind, after which what the load put over the budget goes.
    public async Task<IndexInUse<TIndex>> TakeAsync<TIndex>(string account, string memoryId, long incarnation, Func<TIndex> create,
        Func<TIndex, bool> current, Func<TIndex, Task> refresh) where TIndex : LoadedIndex
    {
        var index = Enter(account, memoryId, incarnation, create);
        try
        {
            if (!current(index))
            {
                await refresh(index);
                DropOverBudget();
            }
            return new IndexInUse<TIndex>(index);
        }
        catch
        {
            index.Leave();
            throw;
        }
    }

    /// Takes the memory's index of this kind for use; the caller must Leave it. An index dropped between
    /// being found and being taken is looked up again: one found after that is either the one in
    /// the map or, in a rare race, one just dropped, which still answers correctly (it is complete
    /// and kept current by the query that took it).
    private TIndex Enter<TIndex>(string account, string memoryId, long incarnation, Func<TIndex> create) where TIndex : LoadedIndex
    {
        var key = (typeof(TIndex), account, memoryId);
        while (true)
        {
            var index = _indexes.AddOrUpdate(key, _ => create(), (_, known) => known.Incarnation == incarnation ? known : create());
            index.Enter(Interlocked.Increment(ref uses));
            if (_indexes.TryGetValue(key, out var current) && ReferenceEquals(current, index))
            {
                return (TIndex)index;
            }
            index.Leave();
        }
    }

    /// The memory's index of this kind if this process holds it: the memory was queried here before.
    public TIndex? Held<TIndex>(string account, string memoryId) where TIndex : LoadedIndex =>
        _indexes.GetValueOrDefault((typeof(TIndex), account, memoryId)) as TIndex;

    /// Forgets a deleted memory's indexes, of every kind. Deletes are rare; the walk is over the loaded few.
    public void Forget(string account, string memoryId)
    {
        foreach (var key in _indexes.Keys)
        {
            if (key.Account == account && key.Memory == memoryId)
            {
                _indexes.TryRemove(key, out _);
            }
        }
    }

    /// While the indexes loaded are estimated over the budget, drops the least recently used one that
    /// no query is refreshing or searching. Called after a load, the only time the total grows much.
    /// A query that still holds a dropped index finishes with it; the memory is then unreachable
    /// here until its next query loads it afresh, so nothing a caller sees changes.
    private void DropOverBudget()
    {
        lock (evicting)
        {
            var total = LoadedBytes();
            if (total <= budgetBytes)
            {
                return;
            }
            // The uses are read once: queries move them meanwhile, and a sort must see fixed keys.
            var loaded = _indexes.ToArray();
            var lastUses = Array.ConvertAll(loaded, entry => entry.Value.LastUse);
            Array.Sort(lastUses, loaded);
            foreach (var entry in loaded)
            {
                if (total <= budgetBytes)
                {
                    break;
                }
                if (!entry.Value.InUse && _indexes.TryRemove(entry))
                {
                    total -= entry.Value.EstimatedBytes;
                    droppedSinceCollection += entry.Value.EstimatedBytes;
                }
            }
            CollectDropped();
        }
    }

    /// A dropped index is garbage on the large object heap, which the GC leaves until its own gen2
    /// budget runs out: with 100 memories queried in turn under a 100-MB budget the server grew from
    /// 458 to 564 MB RSS (bench/scale.sh), each reload taking new room. A background gen2 collection
    /// once a quarter of the budget has been dropped frees that room for the loads that follow.
    private void CollectDropped()
    {
        if (droppedSinceCollection >= Math.Max(budgetBytes / 4, 16L << 20))
        {
            droppedSinceCollection = 0;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: false);
        }
    }
}
