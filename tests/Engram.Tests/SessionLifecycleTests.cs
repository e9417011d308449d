namespace Engram.Tests;

/// §3 of the contract: a session's life after create: get, delete (soft) and end.
public abstract class SessionLifecycleTests(EngramServer server)
{
    [Fact]
    public async Task Get_of_an_unknown_deleted_or_foreign_session_is_404()
    {
        var api = await server.NewAccountAsync();
        var other = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "mine" });
        await api.CreateSessionAsync(new { id = "gone" });
        await api.DeleteAsync("/sessions/delete/gone");
        (await api.GetAsync("/sessions/get/nope")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await api.GetAsync("/sessions/get/gone")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await other.GetAsync("/sessions/get/mine")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Fact]
    public async Task Delete_is_soft_answers_the_contract_message_and_hides_the_session_from_get_and_list()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "keep" });
        await api.CreateSessionAsync(new { id = "drop" });
        var deleted = await api.DeleteAsync("/sessions/delete/drop");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("""{"status":"success","message":"Session deleted successfully"}""", deleted.Raw);
        Assert.Equal(["keep"], Shapes.Ids((await api.GetAsync("/sessions/list")).Data, "sessions"));
        (await api.DeleteAsync("/sessions/delete/drop")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await api.DeleteAsync("/sessions/delete/never")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Fact]
    public async Task Delete_sets_deleted_at_and_updated_at_in_storage()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "soft" });
        await api.DeleteAsync("/sessions/delete/soft");
        // Not visible through the API by design; the row is still there with both times set.
        var page = await server.Store.ListSessionsAsync(api.Account, null, new Paging.PageRequest(10, null));
        Assert.Empty(page.Items);
        var again = await server.Store.InsertSessionAsync(new Sessions.Session("soft", api.Account, null, [], DateTime.UtcNow, DateTime.UtcNow, null, null));
        Assert.Equal(Storage.InsertOutcome.Duplicate, again);
        var row = await server.RawRowAsync("SELECT created_at, updated_at, deleted_at FROM sessions WHERE account_id = @account AND id = @id",
            ("account", api.Account), ("id", "soft"));
        var (created, updated, deletedAt) = (Convert.ToInt64(row[0]), Convert.ToInt64(row[1]), Convert.ToInt64(row[2]));
        Assert.NotNull(row[2]);
        Assert.Equal(deletedAt, updated);
        Assert.True(deletedAt >= created);
    }

    [Fact]
    public async Task Another_account_cannot_delete_or_end_a_session()
    {
        var owner = await server.NewAccountAsync();
        var intruder = await server.NewAccountAsync();
        await owner.CreateSessionAsync(new { id = "private" });
        (await intruder.DeleteAsync("/sessions/delete/private")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await intruder.PostAsync("/sessions/end/private")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        var still = await owner.GetAsync("/sessions/get/private");
        Assert.Equal(HttpStatusCode.OK, still.Status);
        Assert.Equal(JsonValueKind.Null, still.Data.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task End_sets_ended_at_and_updated_at_once_and_ending_again_keeps_the_first()
    {
        var api = await server.NewAccountAsync();
        var created = await api.CreateSessionAsync(new { id = "call" });
        await Task.Delay(5);
        var ended = await api.PostAsync("/sessions/end/call");
        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Shapes.AssertSession(ended.Data);
        var endedAt = ended.Data.GetProperty("endedAt").GetString();
        Shapes.AssertTimestamp(ended.Data.GetProperty("endedAt"));
        Assert.Equal(endedAt, ended.Data.GetProperty("updatedAt").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetString(), ended.Data.GetProperty("createdAt").GetString());
        Assert.True(string.CompareOrdinal(endedAt, created.GetProperty("createdAt").GetString()) > 0);

        await Task.Delay(5);
        var again = await api.PostAsync("/sessions/end/call/");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(ended.Raw, again.Raw);
        Assert.Equal(ended.Raw, (await api.GetAsync("/sessions/get/call")).Raw);
    }

    [Fact]
    public async Task End_of_an_unknown_or_deleted_session_is_404()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "gone" });
        await api.DeleteAsync("/sessions/delete/gone");
        (await api.PostAsync("/sessions/end/gone")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await api.PostAsync("/sessions/end/none")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Fact]
    public async Task An_ended_session_is_still_listed_and_deletable()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "e" });
        await api.PostAsync("/sessions/end/e");
        Assert.Equal(["e"], Shapes.Ids((await api.GetAsync("/sessions/list")).Data, "sessions"));
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync("/sessions/delete/e")).Status);
    }

    [Fact]
    public async Task A_path_id_that_breaks_the_id_rules_is_400()
    {
        var api = await server.NewAccountAsync();
        var longId = new string('x', 129);
        (await api.GetAsync("/sessions/get/" + longId)).AssertBadRequest("id must be 1-128 printable characters without / ? # % \\ or spaces");
        (await api.GetAsync("/sessions/get/a%20b")).AssertBadRequest("id must be 1-128 printable characters without / ? # % \\ or spaces");
    }
}
