using static Engram.Storage.StoredRows;

namespace Engram.Storage.Postgres;

public sealed partial class PostgresStore
{
    public Task<bool> AnyApiKeyAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async connection => await ScalarAsync(connection, "SELECT 1 FROM api_keys LIMIT 1", cancellationToken) is not null,
            cancellationToken);

    public Task<bool> AddApiKeyAsync(NewApiKey key, CancellationToken cancellationToken = default) =>
        WriteAsync(async connection =>
        {
            await using var account = connection.CreateCommand();
            account.CommandText = "INSERT INTO accounts (id, created_at) VALUES (@account, @at) ON CONFLICT DO NOTHING";
            account.Parameters.AddWithValue("account", key.AccountId);
            account.Parameters.AddWithValue("at", UnixMs.From(key.CreatedAt));
            await account.ExecuteNonQueryAsync(cancellationToken);

            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO api_keys (account_id, prefix, key_hash, created_at) VALUES (@account, @prefix, @hash, @at)
                ON CONFLICT DO NOTHING
                """;
            insert.Parameters.AddWithValue("account", key.AccountId);
            insert.Parameters.AddWithValue("prefix", key.Prefix);
            insert.Parameters.AddWithValue("hash", key.Hash);
            insert.Parameters.AddWithValue("at", UnixMs.From(key.CreatedAt));
            return await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredApiKey>> FindApiKeysAsync(string prefix, CancellationToken cancellationToken = default) =>
        ReadKeysAsync($"SELECT {KeyColumns} FROM api_keys WHERE prefix = @prefix", prefix, cancellationToken);

    public Task<IReadOnlyList<StoredApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        ReadKeysAsync($"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, id", null, cancellationToken);

    public async Task<int> RevokeApiKeysAsync(string prefix, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = @at WHERE prefix = @prefix AND revoked_at IS NULL";
        command.Parameters.AddWithValue("prefix", prefix);
        command.Parameters.AddWithValue("at", UnixMs.From(at));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task TouchApiKeyAsync(long keyId, DateTime at, CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET last_used_at = @at WHERE id = @id";
        command.Parameters.AddWithValue("id", keyId);
        command.Parameters.AddWithValue("at", UnixMs.From(at));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task<IReadOnlyList<StoredApiKey>> ReadKeysAsync(string sql, string? prefix, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredApiKey>>(async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (prefix is not null)
            {
                command.Parameters.AddWithValue("prefix", prefix);
            }
            var keys = new List<StoredApiKey>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(StoredRows.ReadKey(reader));
            }
            return keys;
        }, cancellationToken);
}
