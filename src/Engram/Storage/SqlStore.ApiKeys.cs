using static Engram.Storage.StoredRows;

namespace Engram.Storage;

public abstract partial class SqlStore
{
    private static readonly ColumnOrdinals<KeyOrdinals> KeyRow = new(reader => new KeyOrdinals(reader));

    public Task<bool> AnyApiKeyAsync(CancellationToken cancellationToken = default) =>
        ReadAsync(async db => await db.Command("SELECT 1 FROM api_keys LIMIT 1").ExecuteScalarAsync(cancellationToken) is not null,
            cancellationToken);

    public Task<bool> AddApiKeyAsync(NewApiKey key, CancellationToken cancellationToken = default) =>
        WriteAsync(async db =>
        {
            await db.Command("INSERT INTO accounts (id, created_at) VALUES (@account, @at) ON CONFLICT DO NOTHING")
                .With("@account", key.AccountId).With("@at", UnixMs.From(key.CreatedAt)).ExecuteNonQueryAsync(cancellationToken);
            return await db.Command("""
                INSERT INTO api_keys (account_id, prefix, key_hash, created_at) VALUES (@account, @prefix, @hash, @at)
                ON CONFLICT DO NOTHING
                """).With("@account", key.AccountId).With("@prefix", key.Prefix).With("@hash", key.Hash)
                .With("@at", UnixMs.From(key.CreatedAt)).ExecuteNonQueryAsync(cancellationToken) == 1;
        }, cancellationToken);

    public Task<IReadOnlyList<StoredApiKey>> FindApiKeysAsync(string prefix, CancellationToken cancellationToken = default) =>
        ReadKeysAsync($"SELECT {KeyColumns} FROM api_keys WHERE prefix = @prefix", prefix, cancellationToken);

    public Task<IReadOnlyList<StoredApiKey>> ListApiKeysAsync(CancellationToken cancellationToken = default) =>
        ReadKeysAsync($"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, id", null, cancellationToken);

    public Task<int> RevokeApiKeysAsync(string prefix, DateTime at, CancellationToken cancellationToken = default) =>
        WriteStatementAsync(db => db.Command("UPDATE api_keys SET revoked_at = @at WHERE prefix = @prefix AND revoked_at IS NULL")
            .With("@prefix", prefix).With("@at", UnixMs.From(at)).ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    public Task TouchApiKeyAsync(long keyId, DateTime at, CancellationToken cancellationToken = default) =>
        WriteStatementAsync(db => db.Command("UPDATE api_keys SET last_used_at = @at WHERE id = @id")
            .With("@id", keyId).With("@at", UnixMs.From(at)).ExecuteNonQueryAsync(cancellationToken), cancellationToken);

    private Task<IReadOnlyList<StoredApiKey>> ReadKeysAsync(string sql, string? prefix, CancellationToken cancellationToken) =>
        ReadAsync<IReadOnlyList<StoredApiKey>>(async db =>
        {
            var command = db.Command(sql);
            if (prefix is not null)
            {
                command.With("@prefix", prefix);
            }
            var keys = new List<StoredApiKey>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                keys.Add(ReadKey(reader, KeyRow.Of(reader)));
            }
            return keys;
        }, cancellationToken);
}
