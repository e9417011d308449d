using Engram.Client;

namespace Engram.Tests;

/// Engram.Client against the real server: every call, and every error as an EngramException.
public abstract class ClientTests(EngramServer server)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    [Fact]
    public async Task Sessions_create_get_end_and_delete()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        var id = NewId("call");
        var created = await client.Sessions.CreateAsync(new CreateSessionRequest
        {
            Id = id,
            CustomerUserId = "cust-42",
            Metadata = [new MetadataItem("channel", "phone"), new MetadataItem("lang", "en")],
        });
        Assert.Equal(id, created.Id);
        Assert.Equal("cust-42", created.CustomerUserId);
        Assert.Equal([new MetadataItem("channel", "phone"), new MetadataItem("lang", "en")], created.Metadata);
        Assert.Equal(DateTimeKind.Utc, created.CreatedAt.Kind);
        Assert.Null(created.EndedAt);

        var fetched = await client.Sessions.GetAsync(id);
        Assert.Equal(created with { Metadata = fetched.Metadata }, fetched);
        Assert.Equal(created.Metadata, fetched.Metadata);

        var ended = await client.Sessions.EndAsync(id);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal(ended.EndedAt, (await client.Sessions.EndAsync(id)).EndedAt); // the first endedAt stays

        await client.Sessions.DeleteAsync(id);
        var gone = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.GetAsync(id));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("Session not found", gone.Error);
    }

    [Fact]
    public async Task A_session_created_without_a_request_gets_a_generated_id_and_no_metadata()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        var session = await client.Sessions.CreateAsync();
        Assert.Matches(Shapes.UuidV7(), session.Id);
        Assert.Empty(session.Metadata);
        Assert.Null(session.CustomerUserId);
    }

    [Fact]
    public async Task Messages_create_get_list_and_delete()
    {
        var api = await server.NewAccountAsync();
        var client = server.ClientFor(api);
        var session = await client.Sessions.CreateAsync(new CreateSessionRequest { CustomerUserId = "cust-7" });
        var hello = await client.Messages.CreateAsync(new CreateMessageRequest
        {
            SessionId = session.Id, Role = MessageRoles.User, Content = "Hello", Id = NewId("m"),
        });
        Assert.Equal("cust-7", hello.CustomerUserId); // taken from the session
        var answer = await client.Messages.CreateAsync(new CreateMessageRequest
        {
            SessionId = session.Id, Role = MessageRoles.Assistant, Content = "Hi there", CustomerUserId = "other",
        });
        Assert.Equal("other", answer.CustomerUserId);

        Assert.Equal(hello, await client.Messages.GetAsync(hello.Id));
        var all = await client.Messages.ListAsync(new ListMessagesRequest { SessionId = session.Id });
        Assert.Equal([hello.Id, answer.Id], all.Messages.Select(m => m.Id));
        Assert.Equal(2, all.Count);
        Assert.Equal(2, all.TotalCount);
        var fromAssistant = await client.Messages.ListAsync(new ListMessagesRequest { SessionId = session.Id, Role = MessageRoles.Assistant });
        Assert.Equal([answer.Id], fromAssistant.Messages.Select(m => m.Id));
        var ofCustomer = await client.Messages.ListAsync(new ListMessagesRequest { CustomerUserId = "other" });
        Assert.Equal([answer.Id], ofCustomer.Messages.Select(m => m.Id));

        await client.Messages.DeleteAsync(hello.Id);
        var gone = await Assert.ThrowsAsync<EngramException>(() => client.Messages.GetAsync(hello.Id));
        Assert.Equal("Message not found", gone.Error);
        Assert.Equal(1, (await client.Messages.ListAsync(new ListMessagesRequest { SessionId = session.Id })).TotalCount);
    }

    [Fact]
    public async Task Users_create_get_list_and_delete()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        var ada = await client.Users.CreateAsync(new CreateUserRequest
        {
            FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", Phone = "+44 20 7946 0000", Id = NewId("a"),
        });
        // Ids that sort like the creation order, since a tie in createdAt is broken by id.
        var bare = await client.Users.CreateAsync(new CreateUserRequest { FirstName = "Alan", LastName = "Turing", Id = NewId("b") });
        Assert.Null(bare.Email);
        Assert.Null(bare.Phone);
        Assert.Equal(ada.Owner, ada.UserId);

        Assert.Equal(ada, await client.Users.GetAsync(ada.Id));
        var list = await client.Users.ListAsync();
        Assert.Equal([bare.Id, ada.Id], list.Users.Select(u => u.Id)); // newest first
        Assert.Null(list.NextToken);

        await client.Users.DeleteAsync(ada.Id);
        var gone = await Assert.ThrowsAsync<EngramException>(() => client.Users.DeleteAsync(ada.Id));
        Assert.Equal("User not found", gone.Error);
    }

    [Fact]
    public async Task Error_answers_become_EngramException_with_status_code_text_and_raw_body()
    {
        var api = await server.NewAccountAsync();
        var client = server.ClientFor(api);
        var session = await client.Sessions.CreateAsync();

        var duplicate = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.CreateAsync(new CreateSessionRequest { Id = session.Id }));
        AssertError(duplicate, HttpStatusCode.Conflict, "conflict", "Session already exists");

        var limit = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.ListAsync(new ListSessionsRequest { Limit = 0 }));
        AssertError(limit, HttpStatusCode.BadRequest, "bad_request", "Limit must be between 1 and 100");

        var token = await Assert.ThrowsAsync<EngramException>(() => client.Users.ListAsync(new ListUsersRequest { NextToken = "forged" }));
        AssertError(token, HttpStatusCode.BadRequest, "bad_request", "Invalid nextToken");

        var role = await Assert.ThrowsAsync<EngramException>(() => client.Messages.CreateAsync(
            new CreateMessageRequest { SessionId = session.Id, Role = "robot", Content = "beep" }));
        AssertError(role, HttpStatusCode.BadRequest, "bad_request", "role must be one of: norole, system, assistant, user, function, tool");

        await client.Sessions.EndAsync(session.Id);
        var ended = await Assert.ThrowsAsync<EngramException>(() => client.Messages.CreateAsync(
            new CreateMessageRequest { SessionId = session.Id, Role = MessageRoles.User, Content = "too late" }));
        AssertError(ended, HttpStatusCode.Conflict, "conflict", "Session has ended");

        var missing = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.EndAsync("no-such-session"));
        AssertError(missing, HttpStatusCode.NotFound, "not_found", "Session not found");

        var noKey = server.ClientFor(server.Anonymous());
        AssertError(await Assert.ThrowsAsync<EngramException>(() => noKey.Sessions.ListAsync()),
            HttpStatusCode.Unauthorized, "unauthorized", "API key is required");
        var badKey = server.ClientFor(server.Anonymous("ek_not_a_real_key"));
        AssertError(await Assert.ThrowsAsync<EngramException>(() => badKey.Users.GetAsync("anyone")),
            HttpStatusCode.Forbidden, "forbidden", "Invalid API key");
    }

    [Fact]
    public async Task Ids_are_escaped_into_the_path_so_an_id_cannot_reach_another_route()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        var error = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.GetAsync("../users/list"));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode); // the server saw one bad id, not another path
    }

    [Fact]
    public async Task An_error_carries_the_request_id_the_server_answered_with()
    {
        var api = await server.NewAccountAsync();
        var client = server.ClientFor(api);
        var generated = await Assert.ThrowsAsync<EngramException>(() => client.Sessions.GetAsync("no-such-session"));
        Assert.False(string.IsNullOrEmpty(generated.RequestId));
        Assert.Contains($"request {generated.RequestId}", generated.Message);

        // A caller's own id is echoed by the server, so the exception shows the id the caller sent.
        using var http = new HttpClient(new RequestIdHandler("caller-chosen-id-18") { InnerHandler = new HttpClientHandler() });
        var echoed = await Assert.ThrowsAsync<EngramException>(() => server.ClientFor(api, http).Messages.GetAsync("no-such-message"));
        Assert.Equal(HttpStatusCode.NotFound, echoed.StatusCode);
        Assert.Equal("caller-chosen-id-18", echoed.RequestId);
    }

    [Fact]
    public async Task A_message_created_with_the_role_enum_has_that_roles_wire_string()
    {
        var client = server.ClientFor(await server.NewAccountAsync());
        var session = await client.Sessions.CreateAsync(new CreateSessionRequest { CustomerUserId = "cust-enum" });
        foreach (var role in Enum.GetValues<MessageRole>())
        {
            var message = await client.Messages.CreateAsync(session.Id, role, $"said as {role}");
            Assert.Equal(MessageRoles.Of(role), message.Role);
            Assert.Equal("cust-enum", message.CustomerUserId);
        }
        var roles = await client.Messages.ListAllAsync(new ListMessagesRequest { SessionId = session.Id }).Select(m => m.Role).ToListAsync();
        Assert.Equal(["norole", "system", "assistant", "user", "function", "tool"], roles);
        Assert.Throws<ArgumentOutOfRangeException>(() => MessageRoles.Of((MessageRole)42));
    }

    private sealed class RequestIdHandler(string id) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("X-Request-Id", id);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static void AssertError(EngramException e, HttpStatusCode status, string code, string error)
    {
        Assert.Equal(status, e.StatusCode);
        Assert.Equal(code, e.Status);
        Assert.Equal(error, e.Error);
        using var body = JsonDocument.Parse(e.ResponseBody!);
        Assert.Equal(error, body.RootElement.GetProperty("error").GetString());
        Assert.Contains(error, e.Message);
    }
}
