using Engram.Auth;
using Engram.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests;

/// "Storage full" for real: SQLite answers SQLITE_FULL when a write would take the database past
/// its max_page_count, as it does when the disk is full. Lowering that limit is SQLite's own way to
/// fill a database, and it needs no privilege, where a small tmpfs needs a mount (root, or a user
/// namespace that CI machines and containers often refuse). A lowered file-size limit
/// (DiskFullTests) is no substitute: SQLite reports EFBIG as SQLITE_IOERR, "Storage unavailable".
public sealed class StorageFullTests : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("engram-full-").FullName;

    [Fact]
    public async Task A_write_past_SQLite_s_max_page_count_is_a_full_storage_fault()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_directory, "full.db")};Pooling=False");
        await connection.OpenAsync();
        Execute(connection, "CREATE TABLE t (v TEXT NOT NULL)");
        Execute(connection, $"PRAGMA max_page_count = {Scalar(connection, "PRAGMA page_count")}");

        var error = Assert.Throws<SqliteException>(() => Execute(connection, $"INSERT INTO t VALUES ('{new string('x', 64 * 1024)}')"));

        Assert.Equal(SQLitePCL.raw.SQLITE_FULL, error.SqliteErrorCode);
        Assert.Equal(StorageFault.Full, StorageFaults.Of(error));
        Assert.Equal(StorageFault.Full, StorageFaults.Of(new InvalidOperationException("wrapped", error)));
    }

    [Fact]
    public async Task A_real_server_whose_SQLite_is_full_answers_503_Storage_full_stores_nothing_half_and_writes_again_once_there_is_room()
    {
        var (app, address) = await EngramServer.StartAsync(Path.Combine(_directory, "engram.db"));
        await using (app)
        {
            var store = app.Services.GetRequiredService<IStore>();
            using var http = new HttpClient();
            var key = ApiKeyHasher.NewKey();
            await StartupKey.AddAsync(store, "full", key, CancellationToken.None);
            var api = new Api(http, address, key, "full");
            var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
            // Every write goes through the store's one writer connection: the limit is set there,
            // at the pages the database has now, so the next write that needs a page fails.
            await SetMaxPageCountAsync(store, null);

            var created = 0;
            ApiResponse? refused = null;
            // A message of 32,768 characters takes several pages; the bound covers free pages left in the file.
            for (var i = 0; i < 50 && refused is null; i++)
            {
                var answer = await api.PostAsync("/messages/create",
                    Api.Json(new { sessionID = session, role = "user", content = new string((char)('a' + i % 26), 32768) }));
                if (answer.Status == HttpStatusCode.Created)
                {
                    created++;
                }
                else
                {
                    refused = answer;
                }
            }

            TestContext.Current.TestOutputHelper?.WriteLine($"{created} messages stored before the database was full");
            Assert.NotNull(refused);
            refused.AssertError(HttpStatusCode.ServiceUnavailable, "Storage full", "unavailable");
            Assert.Equal(created, (await api.GetAsync($"/messages/list?sessionID={session}")).Data.GetProperty("totalCount").GetInt64());
            await SetMaxPageCountAsync(store, 1_073_741_823); // SQLite's own default
            Assert.Equal(HttpStatusCode.Created,
                (await api.PostAsync("/messages/create", Api.Json(new { sessionID = session, role = "user", content = new string('z', 32768) }))).Status);
            Assert.Equal(created + 1, (await api.GetAsync($"/messages/list?sessionID={session}")).Data.GetProperty("totalCount").GetInt64());
            await app.StopAsync();
        }
    }

    /// Sets max_page_count on the writer connection: to `pages`, or to the pages the database has now.
    private static Task<long> SetMaxPageCountAsync(IStore store, long? pages) =>
        store.WriteAsync(async db =>
        {
            var limit = pages ?? await db.Command("PRAGMA page_count").ScalarInt64Async(CancellationToken.None);
            return await db.Command($"PRAGMA max_page_count = {limit}").ScalarInt64Async(CancellationToken.None);
        });

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return ValueTask.CompletedTask;
    }
}
