using System.Collections.Concurrent;
using Engram.Storage;

namespace Engram.Retrieval;

/// One memory's chunks as this process searches them.
public sealed class MemoryIndex(int dimensions, long incarnation)
{
    public long Incarnation => incarnation;

    public VectorIndex Vectors { get; } = new(dimensions);
    // b = 0: chunks and conversation turns are short, and length normalisation hurt on them.
    public LexicalIndex Words { get; } = new(k1: 1.2f, b: 0f);
    /// Conversation turns by session, so BM25 reads each between its neighbours.
    public ConversationWindows Turns { get; } = new();
    /// The chunk seqs loaded; touched only under Refresh.
    public HashSet<long> Ids { get; } = [];
    public long LastSeq { get; set; }
    public long IndexVersion { get; set; } = -1;
    public long RemovalVersion { get; set; }
    public SemaphoreSlim Refresh { get; } = new(1, 1);
    /// The embedding model of the memory when it was last queried: the next query's vector is made
    /// before the memory's row is read again only when that model is this process's.
    public string? Model { get; set; }
}

/// The in-process indexes of every memory queried here, loaded on first use and kept current by
/// the memory's versions in the database: every query reads them (with the memory row it needs
/// anyway), loads only the chunks added since (by seq, in commit order: chunk writes of one memory
/// queue on its row), and after a removal drops the chunks that are gone. The winning chunks' text
/// is read back from the database, so a chunk deleted a moment ago is never returned, on any node.
public sealed class MemoryIndexes(IStore store)
{
    private readonly ConcurrentDictionary<(string Account, string Memory), MemoryIndex> _indexes = new();

    /// `incarnation` (the memory's created_at) tells a memory from an earlier one of the same id
    /// that was deleted, perhaps through another node: its index is dropped, not reused.
    public async Task<MemoryIndex> CurrentAsync(string account, string memoryId, long incarnation, int dimensions, long indexVersion, long removalVersion,
        CancellationToken cancellationToken)
    {
        var index = _indexes.AddOrUpdate((account, memoryId), _ => new MemoryIndex(dimensions, incarnation),
            (_, known) => known.Incarnation == incarnation ? known : new MemoryIndex(dimensions, incarnation));
        if (index.IndexVersion == indexVersion)
        {
            return index;
        }
        await index.Refresh.WaitAsync(cancellationToken);
        try
        {
            if (index.IndexVersion == indexVersion)
            {
                return index;
            }
            if (index.RemovalVersion != removalVersion)
            {
                await DropRemovedAsync(index, account, memoryId, cancellationToken);
            }
            await LoadAddedAsync(index, account, memoryId, cancellationToken);
            index.RemovalVersion = removalVersion;
            index.IndexVersion = indexVersion;
            return index;
        }
        finally
        {
            index.Refresh.Release();
        }
    }

    /// The memory's index if this process holds it: the memory was queried here before.
    public MemoryIndex? Held(string account, string memoryId) => _indexes.GetValueOrDefault((account, memoryId));

    /// Forgets a deleted memory's index.
    public void Forget(string account, string memoryId) => _indexes.TryRemove((account, memoryId), out _);

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
