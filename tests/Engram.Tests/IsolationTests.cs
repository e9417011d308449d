namespace Engram.Tests;

/// Two accounts interleave every operation on ids from both; a model says what each may see.
/// Neither can read, list, page into, delete, end or write into the other's records.
public abstract class IsolationTests(EngramServer server)
{
    private sealed class Account(Api api)
    {
        public Api Api { get; } = api;
        public HashSet<string> Sessions { get; } = [];
        public HashSet<string> Ended { get; } = [];
        public HashSet<string> Messages { get; } = [];
        public HashSet<string> Users { get; } = [];
        public string? Token { get; set; }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public async Task Interleaved_operations_never_cross_accounts(int seed)
    {
        var random = new Random(seed);
        Account[] accounts = [new(await server.NewAccountAsync()), new(await server.NewAccountAsync())];
        var ids = Enumerable.Range(0, 12).Select(i => $"id{i}").ToArray(); // shared by both, so collisions are the point
        for (var step = 0; step < 400; step++)
        {
            var me = accounts[random.Next(2)];
            var other = accounts[0] == me ? accounts[1] : accounts[0];
            var id = ids[random.Next(ids.Length)];
            switch (random.Next(10))
            {
                case 0:
                {
                    var response = await me.Api.PostAsync("/sessions/create", Api.Json(new { id, customerUserID = "c" }));
                    Assert.Equal(me.Sessions.Contains(id) || Deleted(me, id) ? HttpStatusCode.Conflict : HttpStatusCode.Created, response.Status);
                    if (response.Status == HttpStatusCode.Created)
                    {
                        me.Sessions.Add(id);
                    }
                    break;
                }
                case 1:
                {
                    var response = await me.Api.GetAsync($"/sessions/get/{id}");
                    Assert.Equal(me.Sessions.Contains(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.Status);
                    if (response.Status == HttpStatusCode.OK)
                    {
                        Assert.Equal(me.Api.Account, response.Data.GetProperty("userID").GetString());
                    }
                    break;
                }
                case 2:
                {
                    var response = await me.Api.DeleteAsync($"/sessions/delete/{id}");
                    Assert.Equal(me.Sessions.Remove(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.Status);
                    if (response.Status == HttpStatusCode.OK)
                    {
                        DeletedSessions.Add((me.Api.Account, id));
                        me.Messages.RemoveWhere(m => m.StartsWith(id + "-", StringComparison.Ordinal));
                    }
                    break;
                }
                case 3:
                {
                    var response = await me.Api.PostAsync($"/sessions/end/{id}");
                    Assert.Equal(me.Sessions.Contains(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.Status);
                    if (response.Status == HttpStatusCode.OK)
                    {
                        me.Ended.Add(id);
                    }
                    break;
                }
                case 4:
                {
                    var messageId = $"{id}-{step}";
                    var response = await me.Api.PostAsync("/messages/create", Api.Json(new { id = messageId, sessionID = id, role = "user", content = "x" }));
                    var expected = !me.Sessions.Contains(id) ? HttpStatusCode.NotFound
                        : me.Ended.Contains(id) ? HttpStatusCode.Conflict : HttpStatusCode.Created;
                    Assert.Equal(expected, response.Status);
                    if (response.Status == HttpStatusCode.Created)
                    {
                        me.Messages.Add(messageId);
                    }
                    break;
                }
                case 5:
                {
                    var theirs = other.Messages.Count > 0 ? other.Messages.ElementAt(random.Next(other.Messages.Count)) : "none";
                    (await me.Api.GetAsync($"/messages/get/{theirs}")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
                    (await me.Api.DeleteAsync($"/messages/delete/{theirs}")).AssertError(HttpStatusCode.NotFound, "Message not found", "not_found");
                    break;
                }
                case 6:
                {
                    var response = await me.Api.PostAsync("/users/create", Api.Json(new { id, firstName = "F", lastName = "L" }));
                    Assert.Equal(me.Users.Add(id) ? HttpStatusCode.Created : HttpStatusCode.Conflict, response.Status);
                    break;
                }
                case 7:
                {
                    var response = await me.Api.DeleteAsync($"/users/delete/{id}");
                    Assert.Equal(me.Users.Remove(id) ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.Status);
                    break;
                }
                case 8:
                {
                    // A page token of mine is refused on the other account, whichever list it is for.
                    var page = await Walker.GetPageAsync(me.Api, "/sessions/list", "sessions", 1);
                    me.Token = page.Next ?? me.Token;
                    if (me.Token is not null)
                    {
                        (await other.Api.GetAsync($"/sessions/list?nextToken={me.Token}")).AssertBadRequest("Invalid nextToken");
                        (await other.Api.GetAsync($"/sessions/list?customerUserID=c&nextToken={me.Token}")).AssertBadRequest("Invalid nextToken");
                    }
                    break;
                }
                default:
                {
                    Assert.Equal(me.Sessions.Order(StringComparer.Ordinal), (await Walker.AllAsync(me.Api, "/sessions/list", "sessions")).Order(StringComparer.Ordinal));
                    Assert.Equal(me.Sessions.Order(StringComparer.Ordinal), (await Walker.AllAsync(me.Api, "/sessions/list", "sessions", "customerUserID=c")).Order(StringComparer.Ordinal));
                    Assert.Equal(me.Messages.Order(StringComparer.Ordinal), (await Walker.AllAsync(me.Api, "/messages/list", "messages")).Order(StringComparer.Ordinal));
                    Assert.Equal(me.Users.Order(StringComparer.Ordinal), (await Walker.AllAsync(me.Api, "/users/list", "users")).Order(StringComparer.Ordinal));
                    break;
                }
            }
        }
    }

    private HashSet<(string Account, string Id)> DeletedSessions { get; } = [];

    private bool Deleted(Account account, string id) => DeletedSessions.Contains((account.Api.Account, id));
}
