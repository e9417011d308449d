namespace Engram.Tests;

/// §4 of the contract: messages, and how they follow their session.
public abstract class MessagesTests(EngramServer server)
{
    private const string RoleError = "role must be one of: norole, system, assistant, user, function, tool";

    [Fact]
    public async Task Create_answers_201_with_a_whole_message_that_get_returns_unchanged()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "call", customerUserID = "cust" });
        var response = await api.PostAsync("/messages/create", """{"sessionID":"call","role":"user","content":"Hello there"}""");
        Assert.Equal(HttpStatusCode.Created, response.Status);
        var message = response.Data;
        Assert.Equal(["id", "sessionID", "role", "content", "userID", "customerUserID", "createdAt", "updatedAt"], Shapes.Names(message));
        Assert.Matches(Shapes.UuidV7(), message.GetProperty("id").GetString());
        Assert.Equal("call", message.GetProperty("sessionID").GetString());
        Assert.Equal("user", message.GetProperty("role").GetString());
        Assert.Equal("Hello there", message.GetProperty("content").GetString());
        Assert.Equal(api.Account, message.GetProperty("userID").GetString());
        Assert.Equal("cust", message.GetProperty("customerUserID").GetString()); // defaults to the session's
        Shapes.AssertTimestamp(message.GetProperty("createdAt"));
        Assert.Equal(message.GetProperty("createdAt").GetString(), message.GetProperty("updatedAt").GetString());

        var fetched = await api.GetAsync($"/messages/get/{message.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(response.Raw, fetched.Raw);
    }

    [Fact]
    public async Task The_customer_user_id_is_null_when_neither_message_nor_session_has_one_and_the_message_can_override_it()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "anon" });
        var plain = await api.CreateMessageAsync("anon", "hi");
        Assert.Equal(JsonValueKind.Null, plain.GetProperty("customerUserID").ValueKind);
        var own = await api.CreateMessageAsync("anon", "hi", extra: new { customerUserID = "who" });
        Assert.Equal("who", own.GetProperty("customerUserID").GetString());
    }

    [Theory]
    [InlineData("norole")]
    [InlineData("system")]
    [InlineData("assistant")]
    [InlineData("user")]
    [InlineData("function")]
    [InlineData("tool")]
    public async Task Every_role_is_accepted(string role)
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        Assert.Equal(role, (await api.CreateMessageAsync("s", "x", role)).GetProperty("role").GetString());
    }

    [Theory]
    [InlineData("""{"role":"user","sessionID":"s"}""", "content is required")]
    [InlineData("""{"content":"","role":"user","sessionID":"s"}""", "content is required")]
    [InlineData("""{"content":null,"role":"user","sessionID":"s"}""", "content is required")]
    [InlineData("""{"content":"x","sessionID":"s"}""", "role is required")]
    [InlineData("""{"content":"x","role":"","sessionID":"s"}""", "role is required")]
    [InlineData("""{"content":"x","role":"user"}""", "sessionID is required")]
    [InlineData("""{"content":"x","role":"user","sessionID":""}""", "sessionID is required")]
    [InlineData("{}", "content is required")]
    [InlineData("", "content is required")]
    [InlineData("""{"content":"x","role":"User","sessionID":"s"}""", RoleError)]
    [InlineData("""{"content":"x","role":"admin","sessionID":"s"}""", RoleError)]
    [InlineData("""{"content":"x","role":7,"sessionID":"s"}""", RoleError)]
    [InlineData("""{"content":5,"role":"user","sessionID":"s"}""", "content must be a string of 1-32768 characters")]
    [InlineData("""{"content":["x"],"role":"user","sessionID":"s"}""", "content must be a string of 1-32768 characters")]
    [InlineData("""{"content":"x","role":"user","sessionID":"a b"}""", "sessionID must be 1-128 printable characters without / ? # % \\ or spaces")]
    [InlineData("""{"content":"x","role":"user","sessionID":"s","id":"a/b"}""", "id must be 1-128 printable characters without / ? # % \\ or spaces")]
    [InlineData("""{"content":"x","role":"user","sessionID":"s","id":".."}""", "id must be 1-128 printable characters without / ? # % \\ or spaces")]
    [InlineData("""{"content":"x","role":"user","sessionID":"s","customerUserID":""}""", "customerUserID must be a string of 1-256 characters without control characters")]
    public async Task Bad_fields_are_400_naming_the_field_and_write_nothing(string body, string error)
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        (await api.PostAsync("/messages/create", body)).AssertBadRequest(error);
        Assert.Equal(0, (await api.GetAsync("/messages/list")).Data.GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task Content_may_be_32768_characters_but_not_32769()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        var longest = await api.CreateMessageAsync("s", new string('a', 32768));
        Assert.Equal(32768, longest.GetProperty("content").GetString()!.Length);
        await api.CreateMessageAsync("s", string.Concat(Enumerable.Repeat("😀", 32768)));
        (await api.PostAsync("/messages/create", Api.Json(new { sessionID = "s", role = "user", content = new string('a', 32769) })))
            .AssertBadRequest("content must be a string of 1-32768 characters");
    }

    [Fact]
    public async Task A_string_of_almost_a_mebibyte_is_400_and_writes_nothing()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        var huge = new string('h', 1_040_000); // the body stays under 1 MiB, the field is far over its bound
        (await api.PostAsync("/messages/create", Api.Json(new { sessionID = "s", role = "user", content = huge })))
            .AssertBadRequest("content must be a string of 1-32768 characters");
        (await api.PostAsync("/sessions/create", Api.Json(new { customerUserID = huge })))
            .AssertBadRequest("customerUserID must be a string of 1-256 characters without control characters");
        Assert.Equal(0, (await api.GetAsync("/messages/list")).Data.GetProperty("totalCount").GetInt64());
        Assert.Equal(1, (await api.GetAsync("/sessions/list")).Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_message_needs_a_live_session_of_the_same_account()
    {
        var api = await server.NewAccountAsync();
        var other = await server.NewAccountAsync();
        await other.CreateSessionAsync(new { id = "theirs" });
        await api.CreateSessionAsync(new { id = "gone" });
        await api.DeleteAsync("/sessions/delete/gone");
        foreach (var session in new[] { "missing", "theirs", "gone" })
        {
            (await api.PostAsync("/messages/create", Api.Json(new { sessionID = session, role = "user", content = "x" })))
                .AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        }
    }

    [Fact]
    public async Task An_ended_session_refuses_new_messages_with_409()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "done" });
        await api.CreateMessageAsync("done", "before the end");
        await api.PostAsync("/sessions/end/done");
        (await api.PostAsync("/messages/create", """{"sessionID":"done","role":"user","content":"too late"}"""))
            .AssertError(HttpStatusCode.Conflict, "Session has ended", "conflict");
        Assert.Equal(1, (await api.GetAsync("/messages/list?sessionID=done")).Data.GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task A_duplicate_message_id_is_409()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        await api.CreateMessageAsync("s", "one", extra: new { id = "m1" });
        (await api.PostAsync("/messages/create", """{"sessionID":"s","role":"user","content":"two","id":"m1"}"""))
            .AssertError(HttpStatusCode.Conflict, "Message already exists", "conflict");
        Assert.Equal("one", (await api.GetAsync("/messages/get/m1")).Data.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Deleting_a_session_hides_its_messages_from_get_and_list()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "a", customerUserID = "c" });
        await api.CreateSessionAsync(new { id = "b", customerUserID = "c" });
        await api.CreateMessageAsync("a", "in a", extra: new { id = "ma" });
        await api.CreateMessageAsync("b", "in b", extra: new { id = "mb" });
        await api.DeleteAsync("/sessions/delete/a");
        (await api.GetAsync("/messages/get/ma")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
        (await api.DeleteAsync("/messages/delete/ma")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
        Assert.Equal(["mb"], await Walker.AllAsync(api, "/messages/list", "messages"));
        Assert.Equal(["mb"], await Walker.AllAsync(api, "/messages/list", "messages", "customerUserID=c"));
        Assert.Empty(await Walker.AllAsync(api, "/messages/list", "messages", "sessionID=a"));
        Assert.Equal(1, (await api.GetAsync("/messages/list")).Data.GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task Delete_is_hard_and_answers_the_contract_message()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        await api.CreateMessageAsync("s", "x", extra: new { id = "m" });
        var deleted = await api.DeleteAsync("/messages/delete/m");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("""{"status":"success","message":"Message deleted successfully"}""", deleted.Raw);
        (await api.GetAsync("/messages/get/m")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
        (await api.DeleteAsync("/messages/delete/m")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
    }

    [Fact]
    public async Task Another_account_cannot_get_list_or_delete_a_message()
    {
        var owner = await server.NewAccountAsync();
        var intruder = await server.NewAccountAsync();
        await owner.CreateSessionAsync(new { id = "s", customerUserID = "c" });
        await owner.CreateMessageAsync("s", "secret", extra: new { id = "m" });
        (await intruder.GetAsync("/messages/get/m")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
        (await intruder.DeleteAsync("/messages/delete/m")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
        Assert.Empty(await Walker.AllAsync(intruder, "/messages/list", "messages", "sessionID=s"));
        Assert.Empty(await Walker.AllAsync(intruder, "/messages/list", "messages", "customerUserID=c"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/messages/get/m")).Status);
    }

    [Theory]
    [InlineData("role=admin")]
    [InlineData("role=USER")]
    public async Task An_unknown_role_filter_is_400(string query)
    {
        var api = await server.NewAccountAsync();
        (await api.GetAsync($"/messages/list?{query}")).AssertBadRequest(RoleError);
    }
}
