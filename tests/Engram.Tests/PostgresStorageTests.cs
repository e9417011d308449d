namespace Engram.Tests;

/// What only the shared backend has: pooled connections that the database can end under it.
public sealed class PostgresStorageTests(PostgresServer server)
{
    [Fact]
    public async Task Reads_survive_the_database_ending_every_pooled_connection()
    {
        var api = await server.NewAccountAsync(); // skips when PostgreSQL is not configured
        await api.CreateSessionAsync(new { id = "kept" });
        await api.CreateMessageAsync("kept", "hello");
        // A node of its own, named, so that only its connections are ended (as a restart or a
        // failover would end them all), not those of the tests running beside this one.
        var name = "engram-test-" + Guid.NewGuid().ToString("N")[..8];
        var (other, address) = await EngramServer.StartAsync($"{server.DatabaseOrSkip};Application Name={name}");
        await using (other)
        {
            using var http = new HttpClient();
            var onOther = new Api(http, address, api.Key, api.Account);
            Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/sessions/get/kept")).Status);

            await EndConnectionsAsync(name);
            Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/sessions/get/kept")).Status);
            await EndConnectionsAsync(name);
            Assert.Equal(1, (await onOther.GetAsync("/messages/list?sessionID=kept")).Data.GetProperty("totalCount").GetInt64());
            await EndConnectionsAsync(name);
            await Task.Delay(TimeSpan.FromMilliseconds(600)); // past the key cache: the key's lookup goes first
            Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/sessions/list")).Status);
            await other.StopAsync();
        }
    }

    /// Ends every connection of the named node, as pg_terminate_backend does on a shutdown.
    private async Task EndConnectionsAsync(string applicationName)
    {
        await using var connection = new Npgsql.NpgsqlConnection(server.DatabaseOrSkip);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name";
        command.Parameters.AddWithValue("name", applicationName);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }
}
