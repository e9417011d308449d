using Engram.Storage;

namespace Engram.Graph;

/// One sample's facts with their vectors (the memory's model, embedded with the sample's chunks).
public sealed record EmbeddedGraph(ExtractedGraph Graph, IReadOnlyList<float[]> Vectors)
{
    public static readonly EmbeddedGraph Empty = new(ExtractedGraph.Empty, []);
}

/// The SQL that writes and removes a sample's facts, entities and links, inside the caller's
/// transaction (the one that writes the sample's chunks, or removes them): a redone sample replaces
/// its facts, never doubles them, and an entity left without a fact goes with its last one.
public static class GraphWrites
{
    /// The wire's entity types; an extractor's other kinds are `other`.
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
        { "person", "place", "organization", "product", "date", "title", "other" };

    public static async Task StoreAsync(ISqlConnection db, string account, string memoryId, string sampleId, EmbeddedGraph embedded,
        CancellationToken cancellationToken)
    {
        await RemoveAsync(db, account, "id = @sample", command => command.With("@sample", sampleId), cancellationToken);
        var (graph, vectors) = embedded;
        if (graph.Facts.Count == 0)
        {
            return;
        }
        var now = UnixMs.From(UnixMs.Now());
        var entitySeqs = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in graph.Entities)
        {
            if (!string.IsNullOrWhiteSpace(entity.Name) && !entitySeqs.ContainsKey(entity.Name.Trim()))
            {
                entitySeqs[entity.Name.Trim()] = await UpsertEntityAsync(db, account, memoryId, entity, now, cancellationToken);
            }
        }
        for (var i = 0; i < graph.Facts.Count; i++)
        {
            var fact = graph.Facts[i];
            var factSeq = await db.Command("""
                INSERT INTO facts (account_id, memory_id, sample_id, id, ordinal, content, relation, valid_at, vector, created_at)
                VALUES (@account, @memory, @sample, @id, @ordinal, @content, @relation, @valid, @vector, @at) RETURNING seq
                """).With("@account", account).With("@memory", memoryId).With("@sample", sampleId).With("@id", Validation.Ids.New())
                .With("@ordinal", i).With("@content", fact.Content).With("@relation", fact.Relation)
                .With("@valid", fact.ValidAt is { } valid ? UnixMs.From(valid) : null).With("@vector", Ingestion.Vectors.ToBytes(vectors[i]))
                .With("@at", now).ScalarInt64Async(cancellationToken);
            var linked = new HashSet<long>();
            foreach (var name in fact.Entities)
            {
                // A fact may name an entity the extractor did not list: it becomes one of kind `other`.
                if (!entitySeqs.TryGetValue(name.Trim(), out var entitySeq) && !string.IsNullOrWhiteSpace(name))
                {
                    entitySeq = await UpsertEntityAsync(db, account, memoryId, new ExtractedEntity(name.Trim(), "other", []), now, cancellationToken);
                    entitySeqs[name.Trim()] = entitySeq;
                }
                if (entitySeq != 0 && linked.Add(entitySeq))
                {
                    await db.Command("""
                        INSERT INTO fact_entities (account_id, memory_id, sample_id, fact_seq, entity_seq)
                        VALUES (@account, @memory, @sample, @fact, @entity)
                        """).With("@account", account).With("@memory", memoryId).With("@sample", sampleId).With("@fact", factSeq)
                        .With("@entity", entitySeq).ExecuteNonQueryAsync(cancellationToken);
                }
            }
        }
    }

    /// Removes the facts and links of the samples `condition` selects (over the samples table, beside
    /// account_id = @account), then the entities of their memories that no fact mentions any more.
    /// Call it before the samples themselves are deleted.
    public static async Task RemoveAsync(ISqlConnection db, string account, string condition, Action<System.Data.Common.DbCommand> bind,
        CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var table in (string[])["fact_entities", "facts"])
        {
            var command = db.Command($"""
                DELETE FROM {table} WHERE account_id = @account
                  AND sample_id IN (SELECT id FROM samples WHERE account_id = @account AND {condition})
                """).With("@account", account);
            bind(command);
            removed += await command.ExecuteNonQueryAsync(cancellationToken);
        }
        if (removed == 0)
        {
            return;
        }
        var orphans = db.Command($"""
            DELETE FROM entities WHERE account_id = @account
              AND memory_id IN (SELECT memory_id FROM samples WHERE account_id = @account AND {condition})
              AND NOT EXISTS (SELECT 1 FROM fact_entities fe WHERE fe.entity_seq = entities.seq)
            """).With("@account", account);
        bind(orphans);
        await orphans.ExecuteNonQueryAsync(cancellationToken);
    }

    /// The entity of that name in the memory, made or merged: its aliases gain this sample's.
    private static async Task<long> UpsertEntityAsync(ISqlConnection db, string account, string memoryId, ExtractedEntity entity, long now,
        CancellationToken cancellationToken)
    {
        var name = entity.Name.Trim();
        var kind = Types.Contains(entity.Kind) ? entity.Kind : entity.Kind switch { "organisation" => "organization", _ => "other" };
        long seq = 0;
        string? stored = null;
        await using (var reader = await db.Command("SELECT seq, aliases FROM entities WHERE account_id = @account AND memory_id = @memory AND name_key = @key")
            .With("@account", account).With("@memory", memoryId).With("@key", name.ToLowerInvariant()).ExecuteReaderAsync(cancellationToken))
        {
            if (await reader.ReadAsync(cancellationToken))
            {
                (seq, stored) = (reader.GetInt64(0), reader.GetString(1));
            }
        }
        var aliases = EntityAliases.Merge(stored, entity.Aliases, name);
        if (seq != 0)
        {
            if (aliases != stored)
            {
                await db.Command("UPDATE entities SET aliases = @aliases, updated_at = @at WHERE seq = @seq")
                    .With("@aliases", aliases).With("@at", now).With("@seq", seq).ExecuteNonQueryAsync(cancellationToken);
            }
            return seq;
        }
        return await db.Command("""
            INSERT INTO entities (account_id, memory_id, id, name, name_key, kind, aliases, created_at, updated_at)
            VALUES (@account, @memory, @id, @name, @key, @kind, @aliases, @at, @at) RETURNING seq
            """).With("@account", account).With("@memory", memoryId).With("@id", Validation.Ids.New()).With("@name", name)
            .With("@key", name.ToLowerInvariant()).With("@kind", kind).With("@aliases", aliases).With("@at", now)
            .ScalarInt64Async(cancellationToken);
    }
}
