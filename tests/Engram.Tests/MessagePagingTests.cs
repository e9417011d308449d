namespace Engram.Tests;

/// §4 of the contract: listing messages, page by page, with their totalCount.
public abstract class MessagePagingTests(EngramServer server)
{
    [Fact]
    public async Task A_conversation_of_hundreds_of_turns_pages_forward_and_back_in_creation_order()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "long", customerUserID = "cust" });
        await api.CreateSessionAsync(new { id = "other" });
        var expected = new List<string>();
        string[] roles = ["user", "assistant"];
        for (var i = 0; i < 260; i++)
        {
            // Ids that sort against creation order, so only the creation order can explain the result.
            var id = $"m{999 - i:000}";
            await api.CreateMessageAsync("long", $"turn {i}", roles[i % 2], new { id });
            expected.Add(id);
            if (i % 10 == 0)
            {
                await api.CreateMessageAsync("other", "noise");
            }
        }
        var random = new Random(260);
        Assert.Equal(expected, await Walker.WalkForwardAndBackAsync(api, "/messages/list", "messages", () => random.Next(1, 101), "sessionID=long"));
        Assert.Equal(expected, await Walker.WalkForwardAndBackAsync(api, "/messages/list", "messages", () => random.Next(1, 30), "customerUserID=cust"));
        var assistant = await Walker.WalkForwardAndBackAsync(api, "/messages/list", "messages", () => random.Next(1, 50), "sessionID=long&role=assistant");
        Assert.Equal(expected.Where((_, i) => i % 2 == 1), assistant);

        var page = await api.GetAsync("/messages/list?sessionID=long&role=assistant&limit=7");
        Assert.Equal(7, page.Data.GetProperty("count").GetInt32());
        Assert.Equal(130, page.Data.GetProperty("totalCount").GetInt64());
        Assert.Equal(260 + 26, (await api.GetAsync("/messages/list")).Data.GetProperty("totalCount").GetInt64());
    }

    [Fact]
    public async Task The_list_envelope_has_every_field_and_an_empty_list_counts_zero()
    {
        var api = await server.NewAccountAsync();
        var response = await api.GetAsync("/messages/list?sessionID=none");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"status":"success","data":{"messages":[],"nextToken":null,"previousToken":null,"count":0,"totalCount":0}}""", response.Raw);
    }

    [Fact]
    public async Task Message_tokens_are_bound_to_their_filters_and_resource()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        for (var i = 0; i < 5; i++)
        {
            await api.CreateMessageAsync("s", $"m{i}");
        }
        var first = await Walker.GetPageAsync(api, "/messages/list", "messages", 2, query: "sessionID=s");
        (await api.GetAsync($"/messages/list?nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        (await api.GetAsync($"/messages/list?sessionID=s&role=user&nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        (await api.GetAsync($"/sessions/list?nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        (await api.GetAsync("/messages/list?limit=0")).AssertBadRequest("Limit must be between 1 and 100");
    }

    [Fact]
    public async Task A_message_token_stays_valid_when_its_message_is_deleted()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add((await api.CreateMessageAsync("s", $"m{i}")).GetProperty("id").GetString()!);
        }
        var first = await Walker.GetPageAsync(api, "/messages/list", "messages", 3);
        await api.DeleteAsync($"/messages/delete/{ids[2]}");
        var second = await Walker.GetPageAsync(api, "/messages/list", "messages", 3, next: first.Next);
        Assert.Equal(ids[3..], second.Ids);
        // A message created after the delete is newer than everything; it never takes the deleted one's place.
        var newest = (await api.CreateMessageAsync("s", "late")).GetProperty("id").GetString();
        var after = await Walker.GetPageAsync(api, "/messages/list", "messages", 10, next: first.Next);
        Assert.Equal(ids[3..].Append(newest!), after.Ids);
    }

    [Fact]
    public async Task Every_page_counts_the_whole_list_even_an_empty_one_after_deletes()
    {
        // A page and its totalCount come from one statement; a page with no rows counts on its own.
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        var ids = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            ids.Add((await api.CreateMessageAsync("s", $"m{i}")).GetProperty("id").GetString()!);
        }
        var page = await api.GetAsync("/messages/list?sessionID=s&limit=5");
        var tokens = new List<string>();
        while (true)
        {
            Assert.Equal(12, page.Data.GetProperty("totalCount").GetInt64());
            if (page.Data.GetProperty("nextToken").GetString() is not { } next)
            {
                break;
            }
            tokens.Add(next);
            page = await api.GetAsync($"/messages/list?sessionID=s&limit=5&nextToken={Uri.EscapeDataString(next)}");
        }
        Assert.Equal(2, tokens.Count);

        // The token of the third page points at ids[9]; with it and everything after it gone,
        // that page's statement returns no row at all, not even the cursor's own.
        foreach (var gone in ids[9..])
        {
            await api.DeleteAsync($"/messages/delete/{gone}");
        }
        var empty = await api.GetAsync($"/messages/list?sessionID=s&limit=5&nextToken={Uri.EscapeDataString(tokens[1])}");
        Assert.Equal(0, empty.Data.GetProperty("count").GetInt32());
        Assert.Equal(9, empty.Data.GetProperty("totalCount").GetInt64());
        var back = await api.GetAsync($"/messages/list?sessionID=s&limit=5&previousToken={Uri.EscapeDataString(empty.Data.GetProperty("previousToken").GetString()!)}");
        Assert.Equal(5, back.Data.GetProperty("count").GetInt32());
        Assert.Equal(9, back.Data.GetProperty("totalCount").GetInt64());
    }
}
