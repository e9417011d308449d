using System.Data.Common;
using System.Runtime.InteropServices;

namespace Engram.MemoryBench;

/// Seeding a graph memory's facts, entities and their links, the rows Graph/GraphWrites writes.
internal sealed partial class ChunkDatabase
{
    /// Writes the entities and the facts (with their links) under the memory's first sample (the
    /// one <see cref="SeedAsync"/> made for its first file: one sample per file per memory), then bumps index_version as an ingestion's last step does, so
    /// the next query loads the graph index from these rows.
    public async Task SeedFactsAsync(string memoryId, string[] entities, IReadOnlyList<SeededFact> facts, string model, int dimensions)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var sampleId = $"smp_seed_{memoryId}_0";

        var entitySeqs = new long[entities.Length];
        await using (var insert = Command(connection, """
            INSERT INTO entities (account_id, memory_id, id, name, name_key, kind, aliases, created_at, updated_at)
            VALUES (@account, @memory, @id, @name, @key, 'person', '', @now, @now) RETURNING seq
            """, ("@account", account), ("@memory", memoryId), ("@id", ""), ("@name", ""), ("@key", ""), ("@now", now)))
        {
            insert.Transaction = transaction;
            for (var i = 0; i < entities.Length; i++)
            {
                insert.Parameters["@id"].Value = $"ent_seed_{memoryId}_{i}";
                insert.Parameters["@name"].Value = entities[i];
                insert.Parameters["@key"].Value = entities[i].ToLowerInvariant();
                entitySeqs[i] = Convert.ToInt64(await insert.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        await using (var fact = Command(connection, """
            INSERT INTO facts (account_id, memory_id, sample_id, id, ordinal, content, relation, valid_at, vector, created_at)
            VALUES (@account, @memory, @sample, @id, @ordinal, @content, NULL, NULL, @vector, @now) RETURNING seq
            """, ("@account", account), ("@memory", memoryId), ("@sample", sampleId), ("@id", ""), ("@ordinal", 0L), ("@content", ""),
            ("@vector", Array.Empty<byte>()), ("@now", now)))
        await using (var link = Command(connection, """
            INSERT INTO fact_entities (account_id, memory_id, sample_id, fact_seq, entity_seq) VALUES (@account, @memory, @sample, @fact, @entity)
            """, ("@account", account), ("@memory", memoryId), ("@sample", sampleId), ("@fact", 0L), ("@entity", 0L)))
        {
            fact.Transaction = transaction;
            link.Transaction = transaction;
            for (var i = 0; i < facts.Count; i++)
            {
                fact.Parameters["@id"].Value = $"fct_seed_{memoryId}_{i}";
                fact.Parameters["@ordinal"].Value = (long)i;
                fact.Parameters["@content"].Value = facts[i].Content;
                fact.Parameters["@vector"].Value = MemoryMarshal.AsBytes(facts[i].Vector.AsSpan()).ToArray();
                link.Parameters["@fact"].Value = Convert.ToInt64(await fact.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
                foreach (var entity in facts[i].Entities)
                {
                    link.Parameters["@entity"].Value = entitySeqs[entity];
                    await link.ExecuteNonQueryAsync();
                }
            }
        }

        await Run(Command(connection, """
            UPDATE memories SET embedding_model = @model, embedding_dimensions = @dimensions, index_version = index_version + 1, updated_at = @now
            WHERE account_id = @account AND id = @memory
            """, ("@model", model), ("@dimensions", (long)dimensions), ("@now", now), ("@account", account), ("@memory", memoryId)));
        await transaction.CommitAsync();

        async Task Run(DbCommand command)
        {
            await using (command)
            {
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync();
            }
        }
    }
}
