using Engram.Client;

namespace Engram.Tests;

/// The client's IAsyncEnumerable paging against the real server: forward along nextToken to the
/// end, backward along previousToken to the start, and no request beyond what the caller reads.
public abstract class ClientPagingTests(EngramServer server)
{
    [Fact]
    public async Task ListAllAsync_returns_every_session_of_the_filter_newest_first_across_pages()
    {
        var api = await server.NewAccountAsync();
        var client = server.ClientFor(api);
        var customer = "cust-" + Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < 7; i++)
        {
            await client.Sessions.CreateAsync(new CreateSessionRequest { CustomerUserId = customer });
        }
        await client.Sessions.CreateAsync(new CreateSessionRequest { CustomerUserId = "someone-else" });

        var ids = new List<string>();
        await foreach (var session in client.Sessions.ListAllAsync(new ListSessionsRequest { CustomerUserId = customer, Limit = 3 }))
        {
            ids.Add(session.Id);
        }
        Assert.Equal(await Walker.AllAsync(api, "/sessions/list", "sessions", $"customerUserID={customer}"), ids);
        Assert.Equal(7, ids.Count);
    }

    [Fact]
    public async Task Pages_walked_backward_from_the_last_page_are_the_forward_pages_in_reverse()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        for (var i = 0; i < 8; i++)
        {
            await client.Users.CreateAsync(new CreateUserRequest { FirstName = "User", LastName = $"{i}" });
        }
        var forward = new List<UserList>();
        await foreach (var page in client.Users.ListPagesAsync(new ListUsersRequest { Limit = 3 }))
        {
            forward.Add(page);
        }
        Assert.Equal([3, 3, 2], forward.Select(p => p.Count));
        Assert.Null(forward[0].PreviousToken);
        Assert.Null(forward[^1].NextToken);

        var backward = new List<UserList>();
        var fromLast = new ListUsersRequest { Limit = 3, PreviousToken = forward[^1].PreviousToken };
        await foreach (var page in client.Users.ListPagesAsync(fromLast, PageDirection.Backward))
        {
            backward.Add(page);
        }
        Assert.Equal(
            forward.Take(2).Reverse().Select(p => p.Users.Select(u => u.Id).ToArray()),
            backward.Select(p => p.Users.Select(u => u.Id).ToArray()));
        Assert.Null(backward[^1].PreviousToken);
    }

    [Fact]
    public async Task Messages_page_oldest_first_and_keep_their_filters_on_every_page()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        var session = await client.Sessions.CreateAsync();
        var other = await client.Sessions.CreateAsync();
        var expected = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            expected.Add((await client.Messages.CreateAsync(new CreateMessageRequest { SessionId = session.Id, Role = MessageRoles.User, Content = $"turn {i}" })).Id);
            await client.Messages.CreateAsync(new CreateMessageRequest { SessionId = other.Id, Role = MessageRoles.User, Content = "elsewhere" });
        }
        var pages = new List<MessageList>();
        await foreach (var page in client.Messages.ListPagesAsync(new ListMessagesRequest { SessionId = session.Id, Limit = 2 }))
        {
            pages.Add(page);
        }
        Assert.Equal(expected, pages.SelectMany(p => p.Messages).Select(m => m.Id));
        Assert.All(pages, p => Assert.Equal(5, p.TotalCount));

        var contents = new List<string>();
        await foreach (var message in client.Messages.ListAllAsync(new ListMessagesRequest { SessionId = session.Id, Limit = 2 }))
        {
            contents.Add(message.Content);
        }
        Assert.Equal(["turn 0", "turn 1", "turn 2", "turn 3", "turn 4"], contents);
    }

    [Fact]
    public async Task Paging_fetches_a_page_only_when_the_caller_reads_into_it()
    {
        var api = await server.NewAccountAsync();
        for (var i = 0; i < 5; i++)
        {
            await api.CreateSessionAsync();
        }
        using var handler = new FaultyHandler();
        using var http = new HttpClient(handler);
        var client = server.ClientFor(api, http);
        await foreach (var session in client.Sessions.ListAllAsync(new ListSessionsRequest { Limit = 2 }))
        {
            break;
        }
        Assert.Single(handler.Attempts);

        var read = 0;
        await foreach (var session in client.Sessions.ListAllAsync(new ListSessionsRequest { Limit = 2 }))
        {
            if (++read == 3)
            {
                break;
            }
        }
        Assert.Equal(3, handler.Attempts.Count); // one more page for the third session
    }

    [Fact]
    public async Task An_empty_list_is_one_empty_page()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        var pages = new List<SessionList>();
        await foreach (var page in client.Sessions.ListPagesAsync())
        {
            pages.Add(page);
        }
        var only = Assert.Single(pages);
        Assert.Empty(only.Sessions);
        Assert.Null(only.NextToken);
        Assert.Null(only.PreviousToken);
    }
}
