using System.Data.Common;
using Engram.Storage;

namespace Engram.Tests;

public sealed class SqliteStoreSeamTests(SqliteServer server) : StoreSeamTests(server);
public sealed class PostgresStoreSeamTests(PostgresServer server) : StoreSeamTests(server);

/// The seam the memory half's tables are written on (IStore.ReadAsync/WriteAsync, ISqlConnection),
/// and its bulk path (ExecuteEachAsync), straight through the store: random batches of rows in the
/// settings table, each under a name prefix of its own, so no other test's rows are counted.
public abstract class StoreSeamTests(EngramServer server)
{
    private const string InsertSetting = "INSERT INTO settings (name, value) VALUES (@name, @value)";

    [Fact]
    public async Task Every_row_of_a_bulk_write_is_stored_as_written()
    {
        await server.NewAccountAsync(); // skips when this backend is not configured
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        for (var batch = 0; batch < 8; batch++)
        {
            var prefix = $"seam-{Guid.NewGuid():N}-";
            var rows = RandomRows(random, prefix, random.Next(1, 300));
            var changed = await server.Store.WriteAsync(db => db.ExecuteEachAsync(InsertSetting, rows, Bind, CancellationToken.None));
            Assert.Equal(rows.Count, changed);
            Assert.Equal(rows.Count, await CountAsync(prefix));
            foreach (var (name, value) in rows)
            {
                var stored = await server.Store.ReadAsync(async db =>
                    (byte[])(await db.Command("SELECT value FROM settings WHERE name = @name").With("@name", name)
                        .ExecuteScalarAsync(CancellationToken.None))!);
                Assert.True(value.AsSpan().SequenceEqual(stored), $"seed {seed}: {name}");
            }
        }
    }

    [Fact]
    public async Task A_bulk_write_that_fails_on_any_row_stores_none_of_them_and_the_next_write_still_commits()
    {
        await server.NewAccountAsync();
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        for (var batch = 0; batch < 8; batch++)
        {
            var prefix = $"seam-{Guid.NewGuid():N}-";
            var rows = RandomRows(random, prefix, random.Next(2, 200));
            // A repeat of an earlier row's name, anywhere after it: the primary key refuses it.
            var repeatAt = random.Next(1, rows.Count + 1);
            rows.Insert(repeatAt, (rows[random.Next(repeatAt)].Name, [1]));
            await Assert.ThrowsAnyAsync<DbException>(() =>
                server.Store.WriteAsync(db => db.ExecuteEachAsync(InsertSetting, rows, Bind, CancellationToken.None)));
            Assert.True(await CountAsync(prefix) == 0, $"seed {seed}: rows of a failed batch were stored");

            var after = RandomRows(random, prefix, 1);
            Assert.Equal(1, await server.Store.WriteAsync(db => db.ExecuteEachAsync(InsertSetting, after, Bind, CancellationToken.None)));
            Assert.Equal(1, await CountAsync(prefix));
        }
    }

    private static List<(string Name, byte[] Value)> RandomRows(Random random, string prefix, int count)
    {
        var rows = new List<(string, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var value = new byte[random.Next(1, 65)];
            random.NextBytes(value);
            rows.Add(($"{prefix}{i:D4}-{random.Next()}", value));
        }
        return rows;
    }

    private static void Bind(DbCommand command, (string Name, byte[] Value) row) =>
        command.With("@name", row.Name).With("@value", row.Value);

    private Task<long> CountAsync(string prefix) =>
        server.Store.ReadAsync(db => db.Command("SELECT COUNT(*) FROM settings WHERE name LIKE @prefix")
            .With("@prefix", prefix + "%").ScalarInt64Async(CancellationToken.None));
}
