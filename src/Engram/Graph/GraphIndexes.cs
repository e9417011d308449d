using Engram.Retrieval;
using Engram.Storage;

namespace Engram.Graph;

/// The in-process fact indexes of every graph memory queried here, kept current like the chunks'
/// (Retrieval/MemoryIndexes) by the memory's index and removal versions, which every write and
/// removal of a sample bumps, facts included: a query loads only the facts added since, and after a
/// removal drops those gone. The winning facts are read back from the database before they are
/// returned, so a removed fact is never answered, on any node.
/// They share the chunks' memory budget (Retrieval/IndexBudget), in one least-recently-used order.
public sealed class GraphIndexes(IStore store, IndexBudget budget)
{
    /// The memory's fact index, current with the versions given, held until the result is disposed.
    public Task<IndexInUse<GraphIndex>> CurrentAsync(string account, string memoryId, long incarnation, int dimensions, long indexVersion,
        long removalVersion, CancellationToken cancellationToken) =>
        budget.TakeAsync(account, memoryId, incarnation, () => new GraphIndex(dimensions, incarnation), index => index.IndexVersion == indexVersion,
            index => RefreshAsync(index, account, memoryId, indexVersion, removalVersion, cancellationToken));

    private async Task RefreshAsync(GraphIndex index, string account, string memoryId, long indexVersion, long removalVersion,
        CancellationToken cancellationToken)
    {
        await index.Refresh.WaitAsync(cancellationToken);
        try
        {
            if (index.IndexVersion == indexVersion)
            {
                return;
            }
            await store.ReadAsync(async db =>
            {
                if (index.RemovalVersion != removalVersion)
                {
                    await DropRemovedAsync(db, index, account, memoryId, cancellationToken);
                }
                await LoadAddedAsync(db, index, account, memoryId, cancellationToken);
                await LoadEntitiesAsync(db, index, account, memoryId, cancellationToken);
                return 0;
            }, cancellationToken);
            index.RemovalVersion = removalVersion;
            index.IndexVersion = indexVersion;
        }
        finally
        {
            index.Refresh.Release();
        }
    }

    private static async Task LoadAddedAsync(ISqlConnection db, GraphIndex index, string account, string memoryId, CancellationToken cancellationToken)
    {
        var links = new Dictionary<long, List<long>>();
        await using (var reader = await db.Command("""
            SELECT fact_seq, entity_seq FROM fact_entities WHERE account_id = @account AND memory_id = @memory AND fact_seq > @after
            """).With("@account", account).With("@memory", memoryId).With("@after", index.LastSeq).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                (links.TryGetValue(reader.GetInt64(0), out var list) ? list : links[reader.GetInt64(0)] = []).Add(reader.GetInt64(1));
            }
        }
        var added = new Dictionary<long, List<long>>();
        await using (var reader = await db.Command("""
            SELECT seq, content, vector, valid_at, relation FROM facts WHERE account_id = @account AND memory_id = @memory AND seq > @after ORDER BY seq
            """).With("@account", account).With("@memory", memoryId).With("@after", index.LastSeq).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var seq = reader.GetInt64(0);
                var entities = links.TryGetValue(seq, out var list) ? list.ToArray() : [];
                index.Words.Add(seq, reader.GetString(1));
                index.Vectors.Add(seq, Ingestion.Vectors.FromBytes((byte[])reader.GetValue(2)));
                index.Facts[seq] = new IndexedFact(reader.IsDBNull(3) ? null : UnixMs.ToDateTime(reader.GetInt64(3)),
                    reader.IsDBNull(4) ? null : reader.GetString(4), entities);
                foreach (var entity in entities)
                {
                    (added.TryGetValue(entity, out var facts) ? facts : added[entity] = []).Add(seq);
                }
                index.LastSeq = seq;
            }
        }
        // Each entity's fact list is replaced once per load, so a big first load stays linear.
        foreach (var (entity, facts) in added)
        {
            index.FactsOfEntity[entity] = index.FactsOfEntity.TryGetValue(entity, out var known) ? [.. known, .. facts] : [.. facts];
        }
    }

    /// Entities are few beside facts and their aliases grow as samples arrive: they are read whole and swapped in.
    private static async Task LoadEntitiesAsync(ISqlConnection db, GraphIndex index, string account, string memoryId, CancellationToken cancellationToken)
    {
        var byName = new Dictionary<string, IndexedEntity>(StringComparer.Ordinal);
        var bySeq = new Dictionary<long, IndexedEntity>();
        await using var reader = await db.Command("SELECT seq, name, kind, aliases FROM entities WHERE account_id = @account AND memory_id = @memory")
            .With("@account", account).With("@memory", memoryId).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var entity = new IndexedEntity(reader.GetInt64(0), reader.GetString(1), reader.GetString(2));
            bySeq[entity.Seq] = entity;
            byName.TryAdd(GraphIndex.NameKey(entity.Name), entity);
            foreach (var alias in EntityAliases.Split(reader.GetString(3)))
            {
                byName.TryAdd(GraphIndex.NameKey(alias), entity);
            }
        }
        index.EntityByName = byName;
        index.Entities = bySeq;
    }

    private static async Task DropRemovedAsync(ISqlConnection db, GraphIndex index, string account, string memoryId, CancellationToken cancellationToken)
    {
        var live = new HashSet<long>();
        await using (var reader = await db.Command("SELECT seq FROM facts WHERE account_id = @account AND memory_id = @memory AND seq <= @last")
            .With("@account", account).With("@memory", memoryId).With("@last", index.LastSeq).ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                live.Add(reader.GetInt64(0));
            }
        }
        var touched = new HashSet<long>();
        foreach (var (seq, fact) in index.Facts)
        {
            if (!live.Contains(seq))
            {
                index.Vectors.Remove(seq);
                index.Words.Remove(seq);
                index.Facts.TryRemove(seq, out _);
                touched.UnionWith(fact.Entities);
            }
        }
        foreach (var entity in touched)
        {
            if (index.FactsOfEntity.TryGetValue(entity, out var facts))
            {
                index.FactsOfEntity[entity] = [.. facts.Where(live.Contains)];
            }
        }
    }
}
