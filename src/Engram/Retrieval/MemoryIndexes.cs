using Engram.Storage;

namespace Engram.Retrieval;

/// The in-process indexes of every memory queried here, loaded on first use and kept current by
/// the memory's versions in the database: every query reads them (with the memory row it needs
/// anyway), loads only the chunks added since (by seq, in commit order: chunk writes of one memory
/// queue on its row), and after a removal drops the chunks that are gone. The winning chunks' text
/// is read back from the database, so a chunk deleted a moment ago is never returned, on any node.
/// Past the memory budget (Retrieval/IndexBudget) the least recently queried indexes not in use are
/// dropped whole; the next query of such a memory loads it again, as after a restart.
public sealed class MemoryIndexes(IStore store, IndexBudget budget)
{
    /// The memory's index, current with the versions given, held until the result is disposed.
    /// `incarnation` (the memory's created_at) tells a memory from an earlier one of the same id
    /// that was deleted, perhaps through another node: its index is dropped, not reused.
    public Task<IndexInUse<MemoryIndex>> CurrentAsync(string account, string memoryId, long incarnation, int dimensions, long indexVersion,
        long removalVersion, CancellationToken cancellationToken) =>
        budget.TakeAsync(account, memoryId, incarnation, () => new MemoryIndex(dimensions, incarnation), index => index.IndexVersion == indexVersion,
            index => RefreshAsync(index, account, memoryId, indexVersion, removalVersion, cancellationToken));

    /// The memory's index if this process holds it: the memory was queried here before.
    public MemoryIndex? Held(string account, string memoryId) => budget.Held<MemoryIndex>(account, memoryId);

    private async Task RefreshAsync(MemoryIndex index, string account, string memoryId, long indexVersion, long removalVersion,
        CancellationToken cancellationToken)
    {
        await index.Refresh.WaitAsync(cancellationToken);
        try
        {
            if (index.IndexVersion == indexVersion)
            {
                return;
            }
            if (index.RemovalVersion != removalVersion)
            {
                await DropRemovedAsync(index, account, memoryId, cancellationToken);
            }
            await LoadAddedAsync(index, account, memoryId, cancellationToken);
            index.RemovalVersion = removalVersion;
            index.IndexVersion = indexVersion;
        }
        finally
        {
            index.Refresh.Release();
        }
    }

    /// A message's chunk goes into BM25 as a window of its session's turns, and its neighbours' windows
    /// are rewritten around it (the changed ones once, after the read, in seq order).
    private Task<int> LoadAddedAsync(MemoryIndex index, string account, string memoryId, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var changed = new HashSet<long>();
            await using (var reader = await db.Command("""
                SELECT c.seq, COALESCE(c.search_text, c.content), c.vector, c.content, s.session_id, m.seq
                FROM chunks c
                LEFT JOIN samples s ON s.account_id = c.account_id AND s.id = c.sample_id
                LEFT JOIN messages m ON m.account_id = s.account_id AND m.id = s.message_id
                WHERE c.account_id = @account AND c.memory_id = @memory AND c.seq > @after ORDER BY c.seq
                """).With("@account", account).With("@memory", memoryId).With("@after", index.LastSeq).ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var seq = reader.GetInt64(0);
                    if (reader.IsDBNull(5))
                    {
                        index.Words.Add(seq, reader.GetString(1));
                    }
                    else
                    {
                        index.Turns.Add(seq, reader.GetString(4), reader.GetInt64(5), reader.GetString(3), changed);
                    }
                    index.Vectors.Add(seq, Ingestion.Vectors.FromBytes((byte[])reader.GetValue(2)));
                    index.Ids.Add(seq);
                    index.LastSeq = seq;
                }
            }
            Rewindow(index, changed);
            return 0;
        }, cancellationToken);

    private static void Rewindow(MemoryIndex index, HashSet<long> changed)
    {
        foreach (var seq in changed.Order())
        {
            index.Words.Add(seq, index.Turns.Window(seq));
        }
    }

    private Task<int> DropRemovedAsync(MemoryIndex index, string account, string memoryId, CancellationToken cancellationToken) =>
        store.ReadAsync(async db =>
        {
            var live = new HashSet<long>();
            await using (var reader = await db.Command("SELECT seq FROM chunks WHERE account_id = @account AND memory_id = @memory AND seq <= @last")
                .With("@account", account).With("@memory", memoryId).With("@last", index.LastSeq).ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    live.Add(reader.GetInt64(0));
                }
            }
            var changed = new HashSet<long>();
            foreach (var seq in index.Ids.Where(seq => !live.Contains(seq)).ToList())
            {
                index.Vectors.Remove(seq);
                index.Words.Remove(seq);
                index.Turns.Remove(seq, changed);
                index.Ids.Remove(seq);
            }
            Rewindow(index, changed);
            return 0;
        }, cancellationToken);
}
