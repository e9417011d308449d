using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Engram.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests;

/// What only the embedded backend has: its file, its journal, and what happens when it goes away.
public sealed class SqliteStorageTests : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engram-sqlite-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_database_runs_in_wal_mode_with_full_sync_and_migrations_are_recorded()
    {
        var database = Path.Combine(_directory, "nested", "engram.db"); // the folder is created too
        var (app, _) = await EngramServer.StartAsync(database);
        await using (app)
        {
            using var connection = new SqliteConnection($"Data Source={database}");
            connection.Open();
            Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode"));
            Assert.Equal(2L, Scalar(connection, "PRAGMA synchronous")); // FULL: every commit reaches the disk
            Assert.Equal((long)MigrationScript.For("Sqlite").Count, Scalar(connection, "SELECT MAX(version) FROM schema_migrations"));
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Every_session_page_reads_its_rows_from_a_covering_index()
    {
        // A page that also searched the table for each row cost a quarter more deep in the list
        // than at its top (0003_covering_session_indexes.sql); this keeps every shape covered.
        var database = Path.Combine(_directory, "engram.db");
        var (app, _) = await EngramServer.StartAsync(database);
        await using (app)
        {
            using var connection = new SqliteConnection($"Data Source={database}");
            connection.Open();
            foreach (var (list, index) in (ValueTuple<KeysetList, string>[])[
                (StoredLists.Sessions, "sessions_live"), (StoredLists.CustomerSessions, "sessions_live_by_customer")])
            {
                foreach (var shape in Enum.GetValues<PageShape>())
                {
                    foreach (var backward in (bool[])[false, true])
                    {
                        var plan = Rows(connection, "EXPLAIN QUERY PLAN " + list.PageSql(shape, backward));
                        Assert.Contains(plan, row => row.Contains($"USING COVERING INDEX {index} (", StringComparison.Ordinal));
                        Assert.DoesNotContain(plan, row => !row.Contains($"INDEX {index} (", StringComparison.Ordinal) && row.Contains("INDEX", StringComparison.Ordinal));
                        // The plan can say covering and the program still search the table per
                        // row (it did for an expression that looked the row up); the opcodes tell.
                        var program = Opcodes(connection, "EXPLAIN " + list.PageSql(shape, backward));
                        Assert.DoesNotContain(program, op => op is "NotFound" or "DeferredSeek" or "NotExists" or "SeekRowid");
                        Assert.DoesNotContain(plan, row => row.Contains("SCAN", StringComparison.Ordinal) || row.Contains("TEMP B-TREE", StringComparison.Ordinal));
                    }
                }
            }
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Readyz_is_503_when_storage_does_not_answer_and_healthz_stays_200()
    {
        var database = Path.Combine(_directory, "engram.db");
        var (app, address) = await EngramServer.StartAsync(database);
        await using (app)
        {
            using var http = new HttpClient { BaseAddress = address };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode);

            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.GetFiles(_directory, "engram.db*"))
            {
                File.Delete(file);
            }
            Directory.CreateDirectory(database); // nothing can open a directory as a database

            var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Equal("""{"error":"Storage unavailable","status":"unavailable"}""", await ready.Content.ReadAsStringAsync());
            var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task An_unexpected_storage_failure_is_a_500_in_the_envelope()
    {
        var database = Path.Combine(_directory, "engram.db");
        var (app, address) = await EngramServer.StartAsync(database);
        await using (app)
        {
            using var http = new HttpClient();
            var api = await NewAccountAsync(app, address, http);
            await api.GetAsync("/sessions/list"); // caches the key

            using (var connection = new SqliteConnection($"Data Source={database}"))
            {
                connection.Open();
                Scalar(connection, "DROP TABLE sessions");
            }
            var response = await api.GetAsync("/sessions/list");
            response.AssertError(HttpStatusCode.InternalServerError, "Internal server error", "error");
            Assert.False(string.IsNullOrEmpty(response.Message.Headers.GetValues("X-Request-Id").Single()));
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Metadata_stored_with_escapes_by_an_older_version_reads_back_as_the_same_values()
    {
        // Earlier builds stored metadata with every non-ASCII and HTML character as a \u escape;
        // answers must still carry the values as today's serializer writes them.
        var database = Path.Combine(_directory, "engram.db");
        var (app, address) = await EngramServer.StartAsync(database);
        await using (app)
        {
            using var http = new HttpClient();
            var api = await NewAccountAsync(app, address, http);
            var created = await api.PostAsync("/sessions/create", """{"id":"old","metadata":[{"key":"café","value":"<b>&'+ ☎"}]}""");
            Assert.Equal(HttpStatusCode.Created, created.Status);
            using (var connection = new SqliteConnection($"Data Source={database}"))
            {
                connection.Open();
                Scalar(connection, """UPDATE sessions SET metadata = '[{"key":"caf\u00E9","value":"\u003Cb\u003E\u0026\u0027\u002B \u260E"}]' WHERE id = 'old'""");
            }
            Assert.Equal(created.Raw, (await api.GetAsync("/sessions/get/old")).Raw);
            Assert.Contains("""{"key":"café","value":"<b>&'+ ☎"}""", (await api.GetAsync("/sessions/list")).Raw, StringComparison.Ordinal);
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task A_read_abandoned_inside_its_transaction_leaves_no_transaction_behind()
    {
        // A messages page reads in a transaction; a caller that goes away mid-page throws out of
        // it. The connection must not come back (from any pool) still inside that transaction:
        // the next BEGIN would fail, and the next reader would see an old snapshot.
        await using var store = Storage.StoreFactory.Open(Path.Combine(_directory, "engram.db"));
        await store.MigrateAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(await store.GetSessionAsync("acct", "none")); // leaves an open reader for the next call to take
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.ListMessagesAsync(
                "acct", new Storage.MessageFilter(null, null, null), new Paging.PageRequest(10, null), cancelled.Token));
        }
        var at = Storage.UnixMs.Now();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(Storage.InsertOutcome.Created,
                await store.InsertSessionAsync(new Sessions.Session($"after-{i}", "acct", null, [], at, at, null, null)));
            Assert.NotNull(await store.GetSessionAsync("acct", $"after-{i}"));
            var total = (await store.ListMessagesAsync("acct", new Storage.MessageFilter(null, null, null), new Paging.PageRequest(10, null))).TotalCount;
            Assert.Equal(0, total);
        }
    }

    [Fact]
    public async Task Concurrent_writes_committed_together_each_get_their_own_outcome()
    {
        await using var store = Storage.StoreFactory.Open(Path.Combine(_directory, "engram.db"));
        await store.MigrateAsync();
        var at = Storage.UnixMs.Now();
        Storage.InsertOutcome[] outcomes;
        using (var cancelled = new CancellationTokenSource())
        {
            await cancelled.CancelAsync();
            // 40 writes at once (so several share a transaction): 20 ids each twice, and one write
            // whose caller has gone away, which must fail alone.
            var writes = Enumerable.Range(0, 40)
                .Select(i => store.InsertSessionAsync(new Sessions.Session($"s-{i % 20}", "acct", null, [], at, at, null, null)))
                .ToList();
            var abandoned = store.InsertSessionAsync(new Sessions.Session("gone", "acct", null, [], at, at, null, null), cancelled.Token);
            outcomes = await Task.WhenAll(writes);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        }
        Assert.Equal(20, outcomes.Count(o => o == Storage.InsertOutcome.Created));
        Assert.Equal(20, outcomes.Count(o => o == Storage.InsertOutcome.Duplicate));
        for (var i = 0; i < 20; i++)
        {
            Assert.NotNull(await store.GetSessionAsync("acct", $"s-{i}"));
        }
        Assert.Null(await store.GetSessionAsync("acct", "gone"));
    }

    [Fact]
    public async Task Thousands_of_concurrent_writes_all_commit_even_beyond_one_batch()
    {
        await using var store = Storage.StoreFactory.Open(Path.Combine(_directory, "engram.db"));
        await store.MigrateAsync();
        var at = Storage.UnixMs.Now();
        // Far more writes than one commit takes (256), queued at once from many threads: each
        // must be committed and answered, whichever caller happens to hold the write gate. (The
        // interleaving that once left a write waiting needs one gate order this cannot force; it
        // exercises the batching path under load.)
        var writes = Enumerable.Range(0, 3000).Select(i => Task.Run(() =>
            store.InsertSessionAsync(new Sessions.Session($"w-{i}", "acct", null, [], at, at, null, null)))).ToArray();
        var outcomes = await Task.WhenAll(writes);
        Assert.All(outcomes, o => Assert.Equal(Storage.InsertOutcome.Created, o));
        var page = await store.ListSessionsAsync("acct", null, new Paging.PageRequest(100, null));
        Assert.Equal(100, page.Items.Count);
    }

    [Fact]
    public async Task A_database_from_an_older_version_is_migrated_at_start_and_keeps_its_data()
    {
        Directory.CreateDirectory(_directory);
        var database = Path.Combine(_directory, "old.db");
        using (var connection = new SqliteConnection($"Data Source={database}"))
        {
            // The database as version 1 of Engram left it, with one session in it.
            connection.Open();
            var first = Storage.MigrationScript.For("Sqlite")[0];
            Scalar(connection, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
            Scalar(connection, first.Sql);
            Scalar(connection, $"INSERT INTO schema_migrations VALUES (1, '{first.Name}', 0)");
            Scalar(connection, "INSERT INTO sessions (account_id, id, metadata, created_at, updated_at) VALUES ('acct', 'old', '[]', 0, 0)");
        }
        SqliteConnection.ClearAllPools();
        var (app, _) = await EngramServer.StartAsync(database);
        await using (app)
        {
            var store = app.Services.GetRequiredService<Storage.IStore>();
            Assert.NotNull(await store.GetSessionAsync("acct", "old"));
            await app.StopAsync();
        }
        using var check = new SqliteConnection($"Data Source={database}");
        check.Open();
        Assert.Equal((long)Storage.MigrationScript.For("Sqlite").Count, Scalar(check, "SELECT MAX(version) FROM schema_migrations"));
        Assert.Equal(1L, Scalar(check, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'messages_live_by_session_role'"));
    }

    /// An account with a fresh key on the server `app`, called through `http`.
    private static async Task<Api> NewAccountAsync(WebApplication app, Uri address, HttpClient http)
    {
        var key = Auth.ApiKeyHasher.NewKey();
        await Auth.StartupKey.AddAsync(app.Services.GetRequiredService<Storage.IStore>(), "acct", key, CancellationToken.None);
        return new Api(http, address, key, "acct");
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    /// The opcode of every instruction of `sql`'s program (EXPLAIN's second column).
    private static List<string> Opcodes(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var opcodes = new List<string>();
        while (reader.Read())
        {
            opcodes.Add(reader.GetString(1));
        }
        return opcodes;
    }

    /// The last column of every row `sql` returns, as text (EXPLAIN QUERY PLAN's "detail").
    private static List<string> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(reader.FieldCount - 1));
        }
        return rows;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
