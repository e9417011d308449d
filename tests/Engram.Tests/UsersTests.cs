namespace Engram.Tests;

/// §5 of the contract: the account's end users.
public abstract class UsersTests(EngramServer server)
{
    [Fact]
    public async Task Create_answers_201_with_a_whole_user_that_get_returns_unchanged()
    {
        var api = await server.NewAccountAsync();
        var response = await api.PostAsync("/users/create", """{"firstName":"Ada","lastName":"Lovelace","email":"ada@example.com","phone":"+44 (20) 7946-0000"}""");
        Assert.Equal(HttpStatusCode.Created, response.Status);
        var user = response.Data;
        Assert.Equal(["id", "firstName", "lastName", "email", "phone", "owner", "userID", "createdAt", "updatedAt"], Shapes.Names(user));
        Assert.Matches(Shapes.UuidV7(), user.GetProperty("id").GetString());
        Assert.Equal(api.Account, user.GetProperty("owner").GetString());
        Assert.Equal(api.Account, user.GetProperty("userID").GetString());
        Assert.Equal("ada@example.com", user.GetProperty("email").GetString());
        Shapes.AssertTimestamp(user.GetProperty("createdAt"));
        Assert.Equal(user.GetProperty("createdAt").GetString(), user.GetProperty("updatedAt").GetString());
        Assert.Equal(response.Raw, (await api.GetAsync($"/users/get/{user.GetProperty("id").GetString()}")).Raw);
    }

    [Fact]
    public async Task Email_and_phone_are_null_when_not_given()
    {
        var api = await server.NewAccountAsync();
        var response = await api.PostAsync("/users/create", """{"firstName":"A","lastName":"B","id":"u1"}""");
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, response.Data.GetProperty("phone").ValueKind);
        Assert.Equal("u1", response.Data.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"lastName":"B"}""", "firstName is required")]
    [InlineData("""{"firstName":"","lastName":"B"}""", "firstName is required")]
    [InlineData("""{"firstName":"A"}""", "lastName is required")]
    [InlineData("""{"firstName":1,"lastName":"B"}""", "firstName must be a string of 1-256 characters")]
    [InlineData("""{"firstName":"A","lastName":"B","email":"not-an-email"}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","email":"a@b"}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","email":"a b@c.d"}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","email":"a\u0001@b.c"}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","email":"a@b\u007f.c"}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","email":""}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","email":5}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","phone":"123456"}""", "phone must be 7-32 characters of digits, spaces and + - ( )")]
    [InlineData("""{"firstName":"A","lastName":"B","phone":"1234567\n"}""", "phone must be 7-32 characters of digits, spaces and + - ( )")]
    [InlineData("""{"firstName":"A","lastName":"B","email":"a@b.c\n"}""", "email must be a valid email address like name@example.com")]
    [InlineData("""{"firstName":"A","lastName":"B","phone":"555-CALL-NOW"}""", "phone must be 7-32 characters of digits, spaces and + - ( )")]
    [InlineData("""{"firstName":"A","lastName":"B","phone":"123456789012345678901234567890123"}""", "phone must be 7-32 characters of digits, spaces and + - ( )")]
    [InlineData("""{"firstName":"A","lastName":"B","id":"a?b"}""", "id must be 1-128 printable characters without / ? # % \\ or spaces")]
    [InlineData("""{"firstName":"A","lastName":"B","id":"."}""", "id must be 1-128 printable characters without / ? # % \\ or spaces")]
    public async Task Bad_fields_are_400_naming_the_field_and_write_nothing(string body, string error)
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/users/create", body)).AssertBadRequest(error);
        Assert.Equal(0, (await api.GetAsync("/users/list")).Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Names_may_be_256_characters_and_phones_7_to_32()
    {
        var api = await server.NewAccountAsync();
        var name = new string('n', 256);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/users/create", Api.Json(new { firstName = name, lastName = name, phone = "1234567" }))).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/users/create", Api.Json(new { firstName = "a", lastName = "b", phone = new string('9', 32) }))).Status);
        (await api.PostAsync("/users/create", Api.Json(new { firstName = name + "n", lastName = "b" }))).AssertBadRequest("firstName must be a string of 1-256 characters");
    }

    [Fact]
    public async Task A_duplicate_id_is_409_and_delete_is_hard()
    {
        var api = await server.NewAccountAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/users/create", """{"id":"cust-1","firstName":"A","lastName":"B"}""")).Status);
        (await api.PostAsync("/users/create", """{"id":"cust-1","firstName":"C","lastName":"D"}""")).AssertError(HttpStatusCode.Conflict, "User already exists", "conflict");
        var deleted = await api.DeleteAsync("/users/delete/cust-1");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("""{"status":"success","message":"User deleted successfully"}""", deleted.Raw);
        (await api.GetAsync("/users/get/cust-1")).AssertError(HttpStatusCode.NotFound, "User not found", "not_found");
        (await api.DeleteAsync("/users/delete/cust-1")).AssertError(HttpStatusCode.NotFound, "User not found", "not_found");
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/users/create", """{"id":"cust-1","firstName":"E","lastName":"F"}""")).Status);
    }

    [Fact]
    public async Task Deleting_a_user_leaves_the_sessions_and_messages_that_carry_its_id()
    {
        var api = await server.NewAccountAsync();
        await api.PostAsync("/users/create", """{"id":"cust-9","firstName":"A","lastName":"B"}""");
        await api.CreateSessionAsync(new { id = "s", customerUserID = "cust-9" });
        await api.CreateMessageAsync("s", "hello");
        await api.DeleteAsync("/users/delete/cust-9");
        Assert.Equal(["s"], await Walker.AllAsync(api, "/sessions/list", "sessions", "customerUserID=cust-9"));
        Assert.Single(await Walker.AllAsync(api, "/messages/list", "messages", "customerUserID=cust-9"));
    }

    [Fact]
    public async Task Users_are_private_to_their_account()
    {
        var owner = await server.NewAccountAsync();
        var intruder = await server.NewAccountAsync();
        await owner.PostAsync("/users/create", """{"id":"u","firstName":"A","lastName":"B"}""");
        (await intruder.GetAsync("/users/get/u")).AssertError(HttpStatusCode.NotFound, "User not found", "not_found");
        (await intruder.DeleteAsync("/users/delete/u")).AssertError(HttpStatusCode.NotFound, "User not found", "not_found");
        Assert.Empty(await Walker.AllAsync(intruder, "/users/list", "users"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync("/users/get/u")).Status);
    }

    [Fact]
    public async Task The_list_is_newest_first_and_pages_forward_and_back()
    {
        var api = await server.NewAccountAsync();
        var ids = new List<string>();
        var createdAt = new Dictionary<string, string>();
        for (var i = 0; i < 45; i++)
        {
            var response = await api.PostAsync("/users/create", Api.Json(new { firstName = $"F{i}", lastName = "L" }));
            ids.Add(response.Data.GetProperty("id").GetString()!);
            createdAt[ids[^1]] = response.Data.GetProperty("createdAt").GetString()!;
            if (i % 9 == 0)
            {
                await Task.Delay(2);
            }
        }
        var all = await Walker.AllAsync(api, "/users/list", "users");
        Assert.Equal(ids.ToHashSet(), all.ToHashSet());
        // Newest first (§5), ties in one millisecond by id, as sessions.
        Assert.Equal(ids.OrderByDescending(id => createdAt[id], StringComparer.Ordinal).ThenByDescending(id => id, StringComparer.Ordinal), all);
        var random = new Random(45);
        Assert.Equal(all, await Walker.WalkForwardAndBackAsync(api, "/users/list", "users", () => random.Next(1, 12)));
        var empty = await (await server.NewAccountAsync()).GetAsync("/users/list");
        Assert.Equal("""{"status":"success","data":{"users":[],"nextToken":null,"previousToken":null,"count":0}}""", empty.Raw);
    }

    [Fact]
    public async Task A_users_token_is_refused_by_another_account_and_survives_the_deletion_of_its_user()
    {
        var api = await server.NewAccountAsync();
        var other = await server.NewAccountAsync();
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/users/create", Api.Json(new { id = $"u{i}", firstName = "F", lastName = "L" }))).Status);
        }
        var all = await Walker.AllAsync(api, "/users/list", "users");
        var first = await Walker.GetPageAsync(api, "/users/list", "users", 3);
        (await other.GetAsync($"/users/list?nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        await api.DeleteAsync($"/users/delete/{all[2]}"); // the user the token points at
        var second = await Walker.GetPageAsync(api, "/users/list", "users", 3, next: first.Next);
        Assert.Equal(all[3..6], second.Ids);
        var back = await Walker.GetPageAsync(api, "/users/list", "users", 3, previous: second.Previous);
        Assert.Equal(all[..2], back.Ids);
    }
}
