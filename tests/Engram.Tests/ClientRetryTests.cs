using Engram.Client;

namespace Engram.Tests;

/// When the client tries a call again, against the real server with faults injected in between:
/// only when repeating it cannot change what the caller sees, and never without bound.
public abstract class ClientRetryTests(EngramServer server)
{
    private async Task<(EngramClient Client, FaultyHandler Handler, Api Api)> ClientWithAsync(params Fault[] script)
    {
        var api = await server.NewAccountAsync();
        var handler = new FaultyHandler(script);
        return (server.ClientFor(api, new HttpClient(handler)), handler, api);
    }

    [Fact]
    public async Task A_get_whose_answer_was_lost_or_refused_by_a_proxy_is_tried_again()
    {
        var (client, handler, api) = await ClientWithAsync(Fault.LoseAnswer, Fault.ServiceUnavailable);
        var id = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        Assert.Equal(id, (await client.Sessions.GetAsync(id)).Id);
        Assert.Equal(3, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_create_is_retried_when_the_connection_was_refused_and_makes_one_session()
    {
        var (client, handler, api) = await ClientWithAsync(Fault.RefuseConnection, Fault.TooManyRequests);
        var session = await client.Sessions.CreateAsync(new CreateSessionRequest { CustomerUserId = "once" });
        Assert.Equal(3, handler.Attempts.Count);
        var listed = await Walker.AllAsync(api, "/sessions/list", "sessions", "customerUserID=once");
        Assert.Equal([session.Id], listed);
    }

    [Fact]
    public async Task A_create_whose_answer_was_lost_is_not_retried_because_it_may_have_run()
    {
        var (client, handler, api) = await ClientWithAsync(Fault.LoseAnswer);
        var id = "lost-" + Guid.NewGuid().ToString("N");
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.Sessions.CreateAsync(new CreateSessionRequest { Id = id }));
        Assert.Equal(HttpRequestError.ResponseEnded, e.HttpRequestError);
        Assert.Single(handler.Attempts);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/sessions/get/{id}")).Status); // it did run
    }

    [Fact]
    public async Task A_delete_whose_answer_was_lost_is_not_retried_since_a_repeat_answers_404()
    {
        var (client, handler, api) = await ClientWithAsync(Fault.LoseAnswer);
        var id = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        await Assert.ThrowsAsync<HttpRequestException>(() => client.Sessions.DeleteAsync(id));
        Assert.Single(handler.Attempts);
        // What a blind retry would have reported for a delete that succeeded:
        var repeat = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.DeleteAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, repeat.StatusCode);
    }

    [Fact]
    public async Task A_delete_refused_before_it_ran_is_retried()
    {
        var (client, handler, api) = await ClientWithAsync(Fault.TooManyRequests, Fault.RefuseConnection);
        var id = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        await client.Sessions.DeleteAsync(id);
        Assert.Equal(3, handler.Attempts.Count);
    }

    [Fact]
    public async Task Ending_is_idempotent_so_a_lost_answer_is_tried_again()
    {
        var (client, handler, api) = await ClientWithAsync(Fault.LoseAnswer);
        var id = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        var ended = await client.Sessions.EndAsync(id);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal(["POST /sessions/end/" + id, "POST /sessions/end/" + id], handler.Attempts);
    }

    [Fact]
    public async Task Retries_stop_after_MaxRetries_and_the_last_failure_is_thrown()
    {
        var api = await server.NewAccountAsync();
        using var handler = new FaultyHandler(Fault.ServiceUnavailable) { Always = true };
        var client = server.ClientFor(api, new HttpClient(handler), maxRetries: 3);
        var e = await Assert.ThrowsAsync<EngramException>(() => client.Users.ListAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.StatusCode);
        Assert.Null(e.Status); // the proxy's page is not the contract's envelope
        Assert.Equal("<html>upstream unavailable</html>", e.ResponseBody);
        Assert.Equal(4, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_429_asking_for_a_longer_wait_than_allowed_is_thrown_with_its_Retry_After()
    {
        var (client, handler, _) = await ClientWithAsync(Fault.TooManyRequestsForAMinute);
        var e = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.ListAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, e.StatusCode);
        Assert.Equal("too_many_requests", e.Status);
        Assert.Equal(TimeSpan.FromMinutes(1), e.RetryAfter);
        Assert.Single(handler.Attempts);
    }

    [Fact]
    public async Task Client_errors_are_never_retried()
    {
        var (client, handler, _) = await ClientWithAsync();
        await Assert.ThrowsAsync<EngramException>(() => client.Messages.GetAsync("no-such-message"));
        await Assert.ThrowsAsync<EngramException>(() => client.Messages.ListAsync(new ListMessagesRequest { Limit = 101 }));
        Assert.Equal(2, handler.Attempts.Count);
    }

    [Fact]
    public async Task A_server_that_is_not_there_is_an_HttpRequestException_after_the_retries()
    {
        _ = await server.NewAccountAsync(); // skips when this backend is not configured
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // a port that was free a moment ago: nothing listens there now
        var handler = new FaultyHandler();
        var client = new EngramClient(new HttpClient(handler), new EngramClientOptions
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"), ApiKey = "ek_x", MaxRetries = 1, RetryDelay = TimeSpan.Zero,
        });
        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.Sessions.CreateAsync());
        Assert.Equal(HttpRequestError.ConnectionError, e.HttpRequestError);
        Assert.Equal(2, handler.Attempts.Count); // never sent, so even a create is tried again
    }
}
