using System.Data.Common;
using System.Runtime.InteropServices;
using Engram.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Engram.MemoryBench;

/// A chunk as stored: its text and its float32 vector.
internal sealed record StoredChunk(string Content, float[] Vector, string SampleId = "");

/// Straight to the server's database, for what the API cannot do in the time a run has: read an
/// ingested memory's chunks back, and seed a large memory with chunks whose vectors come from them.
internal sealed partial class ChunkDatabase(string database, string account)
{
    public async Task<List<StoredChunk>> ChunksAsync(string memoryId)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "SELECT content, vector, sample_id FROM chunks WHERE account_id = @account AND memory_id = @memory ORDER BY seq",
            ("@account", account), ("@memory", memoryId));
        await using var reader = await command.ExecuteReaderAsync();
        var chunks = new List<StoredChunk>();
        while (await reader.ReadAsync())
        {
            chunks.Add(new StoredChunk(reader.GetString(0), MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray(), reader.GetString(2)));
        }
        return chunks;
    }

    /// Adds one success sample per file to the memory and spreads <paramref name="chunks"/> over
    /// them, then marks the memory as embedded by <paramref name="model"/> and bumps its
    /// index_version, as an ingestion's last step does, so the next query loads them.
    public async Task SeedAsync(string memoryId, IReadOnlyList<string> fileIds, IEnumerable<StoredChunk> chunks, string model, int dimensions)
    {
        await using var connection = await OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var sampleIds = fileIds.Select((_, i) => $"smp_seed_{memoryId}_{i}").ToArray();
        for (var i = 0; i < fileIds.Count; i++)
        {
            await using var sample = Command(connection, """
                INSERT INTO samples (account_id, id, memory_id, file_id, type, status, created_at, updated_at)
                VALUES (@account, @id, @memory, @file, 'document', 'success', @now, @now)
                """, ("@account", account), ("@id", sampleIds[i]), ("@memory", memoryId), ("@file", fileIds[i]), ("@now", now));
            sample.Transaction = transaction;
            await sample.ExecuteNonQueryAsync();
        }
        await using (var insert = Command(connection, """
            INSERT INTO chunks (account_id, memory_id, sample_id, ordinal, content, vector)
            VALUES (@account, @memory, @sample, @ordinal, @content, @vector)
            """, ("@account", account), ("@memory", memoryId), ("@sample", ""), ("@ordinal", 0L), ("@content", ""), ("@vector", Array.Empty<byte>())))
        {
            insert.Transaction = transaction;
            var n = 0L;
            foreach (var chunk in chunks)
            {
                insert.Parameters["@sample"].Value = sampleIds[n % sampleIds.Length];
                insert.Parameters["@ordinal"].Value = n / sampleIds.Length;
                insert.Parameters["@content"].Value = chunk.Content;
                insert.Parameters["@vector"].Value = MemoryMarshal.AsBytes(chunk.Vector.AsSpan()).ToArray();
                await insert.ExecuteNonQueryAsync();
                n++;
            }
        }
        await using (var update = Command(connection, """
            UPDATE memories SET embedding_model = @model, embedding_dimensions = @dimensions, index_version = index_version + 1, updated_at = @now
            WHERE account_id = @account AND id = @memory
            """, ("@model", model), ("@dimensions", (long)dimensions), ("@now", now), ("@account", account), ("@memory", memoryId)))
        {
            update.Transaction = transaction;
            await update.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
        if (connection is NpgsqlConnection)
        {
            // What autovacuum's analyze does within a minute of a large ingestion: without it the planner
            // sees the tables as they were before the seed (BENCHMARKS.md, "PostgreSQL retrieval and fresh statistics").
            await using var analyze = Command(connection, "ANALYZE chunks, samples, files");
            await analyze.ExecuteNonQueryAsync();
        }
    }

    /// Records another model on the memory (without touching its index), so the server ranks it
    /// by words alone: GET /memory without the query's embedding and vector search.
    public async Task SetModelAsync(string memoryId, string model)
    {
        await using var connection = await OpenAsync();
        await using var update = Command(connection, "UPDATE memories SET embedding_model = @model WHERE account_id = @account AND id = @memory",
            ("@model", model), ("@account", account), ("@memory", memoryId));
        await update.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = StoreFactory.IsPostgres(database)
            ? new NpgsqlConnection(database)
            : new SqliteConnection(database.TrimStart().StartsWith("Data Source=", StringComparison.OrdinalIgnoreCase) ? database : $"Data Source={database}");
        await connection.OpenAsync();
        if (connection is SqliteConnection)
        {
            // The server has the file open too; wait for its writes rather than fail.
            await using var timeout = Command(connection, "PRAGMA busy_timeout = 30000");
            await timeout.ExecuteNonQueryAsync();
        }
        return connection;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }
}
