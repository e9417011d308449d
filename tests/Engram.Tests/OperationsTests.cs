using Engram.Cli;

namespace Engram.Tests;

/// §6 and §8 of the contract: keys from the command line, restarts, several nodes on one database.
public abstract class OperationsTests(EngramServer server)
{
    /// `engram keys ARGS --database <this server's database>`, in-process.
    private async Task<(int Exit, string Output, string Error)> KeysAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var line = CommandLine.Parse([.. args, "--database", server.DatabaseOrSkip], ["--database", "--account"]);
        var exit = await KeysCommand.RunAsync(line, output, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Keys_create_prints_the_key_alone_on_the_last_line_and_it_works_at_once()
    {
        _ = await server.NewAccountAsync(); // skips when this backend is not configured
        var account = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var (exit, output, _) = await KeysAsync("create", "--account", account);
        Assert.Equal(0, exit);
        var key = output.TrimEnd('\n').Split('\n')[^1];
        Assert.StartsWith("ek_", key);
        var api = server.Anonymous(key);
        var created = await api.PostAsync("/sessions/create");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(account, created.Data.GetProperty("userID").GetString());
    }

    [Fact]
    public async Task Keys_list_shows_prefix_account_and_last_use_but_never_the_key()
    {
        _ = await server.NewAccountAsync();
        var account = "list-" + Guid.NewGuid().ToString("N")[..8];
        var (_, created, _) = await KeysAsync("create", "--account", account);
        var key = created.TrimEnd('\n').Split('\n')[^1];
        await server.Anonymous(key).GetAsync("/sessions/list");
        var (exit, listing, _) = await KeysAsync("list");
        Assert.Equal(0, exit);
        Assert.StartsWith("PREFIX", listing);
        var row = listing.Split('\n').Single(l => l.Contains(account));
        Assert.StartsWith(key[..12], row);
        Assert.DoesNotContain(key, listing);
        var columns = row.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(5, columns.Length);
        Assert.NotEqual("-", columns[3]); // last used was recorded
        Assert.Equal("-", columns[4]);    // not revoked
    }

    [Fact]
    public async Task A_revoked_key_is_refused_within_a_second()
    {
        var api = await server.NewAccountAsync();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/sessions/list")).Status);
        var (exit, output, _) = await KeysAsync("revoke", api.Key![..12]);
        Assert.Equal(0, exit);
        Assert.Contains("Revoked 1", output);
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await api.GetAsync("/sessions/list")).AssertError(HttpStatusCode.Forbidden, "Invalid API key", "forbidden");
        var (again, _, error) = await KeysAsync("revoke", api.Key![..12]);
        Assert.Equal(1, again);
        Assert.Contains("no active key", error);
    }

    [Fact]
    public async Task Records_survive_a_restart_and_tokens_work_on_every_node_of_one_database()
    {
        var api = await server.NewAccountAsync();
        for (var i = 0; i < 6; i++)
        {
            await api.CreateSessionAsync(new { id = $"n{i}" });
        }
        var first = await Walker.GetPageAsync(api, "/sessions/list", "sessions", 2);

        var (other, address) = await EngramServer.StartAsync(server.DatabaseOrSkip);
        await using (other)
        {
            using var http = new HttpClient();
            var onOther = new Api(http, address, api.Key, api.Account);
            var second = await Walker.GetPageAsync(onOther, "/sessions/list", "sessions", 2, next: first.Next);
            Assert.Equal(2, second.Ids.Length);
            Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/sessions/get/n0")).Status);
            var back = await Walker.GetPageAsync(api, "/sessions/list", "sessions", 2, previous: second.Previous);
            Assert.Equal(first.Ids, back.Ids);
            await other.StopAsync();
        }
    }

    [Fact]
    public async Task Simultaneous_creates_of_one_id_on_two_nodes_give_exactly_one_201()
    {
        var api = await server.NewAccountAsync();
        var (other, address) = await EngramServer.StartAsync(server.DatabaseOrSkip);
        await using (other)
        {
            using var http = new HttpClient();
            var onOther = new Api(http, address, api.Key, api.Account);
            await api.CreateSessionAsync(new { id = "host" });
            for (var round = 0; round < 20; round++)
            {
                var creates = new[] { api, onOther, api, onOther }.Select(node => Task.Run(async () =>
                    (await node.PostAsync("/sessions/create", Api.Json(new { id = $"race-{round}" }))).Status,
                    TestContext.Current.CancellationToken)).ToArray();
                var messages = new[] { api, onOther }.Select(node => Task.Run(async () =>
                    (await node.PostAsync("/messages/create", Api.Json(new { id = $"m-{round}", sessionID = "host", role = "user", content = "x" }))).Status,
                    TestContext.Current.CancellationToken)).ToArray();
                var statuses = await Task.WhenAll(creates);
                Assert.Single(statuses, s => s == HttpStatusCode.Created);
                Assert.Equal(3, statuses.Count(s => s == HttpStatusCode.Conflict));
                var messageStatuses = await Task.WhenAll(messages);
                Assert.Single(messageStatuses, s => s == HttpStatusCode.Created);
                Assert.Single(messageStatuses, s => s == HttpStatusCode.Conflict);
            }
            await other.StopAsync();
        }
    }

    [Fact]
    public async Task A_key_revoked_on_one_node_is_refused_by_every_node_within_a_second()
    {
        var api = await server.NewAccountAsync();
        var (other, address) = await EngramServer.StartAsync(server.DatabaseOrSkip);
        await using (other)
        {
            using var http = new HttpClient();
            var onOther = new Api(http, address, api.Key, api.Account);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/sessions/list")).Status);
            Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/sessions/list")).Status); // both nodes have it cached
            var (exit, _, _) = await KeysAsync("revoke", api.Key![..12]);
            Assert.Equal(0, exit);
            await Task.Delay(TimeSpan.FromSeconds(1));
            (await api.GetAsync("/sessions/list")).AssertError(HttpStatusCode.Forbidden, "Invalid API key", "forbidden");
            (await onOther.GetAsync("/sessions/list")).AssertError(HttpStatusCode.Forbidden, "Invalid API key", "forbidden");
            await other.StopAsync();
        }
    }
}
