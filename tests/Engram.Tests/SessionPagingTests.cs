namespace Engram.Tests;

/// §2 and §3 of the contract: listing sessions, limits, and walks under change.
public abstract class SessionPagingTests(EngramServer server)
{
    private const string List = "/sessions/list";

    private Task<(Api Api, string[] Expected)> SeedAsync(int count, int distinctTimes, string? customer = null, int seed = 7) =>
        server.SeedSessionsAsync(count, distinctTimes, customer, seed);

    [Fact]
    public async Task The_list_is_newest_first_with_ties_broken_by_id()
    {
        var (api, expected) = await SeedAsync(120, distinctTimes: 15);
        Assert.Equal(expected, await Walker.AllAsync(api, List, "sessions"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Random_limits_walked_forward_and_back_give_the_whole_list_once(int seed)
    {
        var random = new Random(seed);
        var (api, expected) = await SeedAsync(random.Next(150, 320), distinctTimes: random.Next(1, 400), seed: seed);
        var walked = await Walker.WalkForwardAndBackAsync(api, List, "sessions", () => random.Next(1, 101));
        Assert.Equal(expected, walked);
    }

    [Fact]
    public async Task Walks_with_a_fixed_limit_of_one_and_of_the_maximum()
    {
        var (api, expected) = await SeedAsync(37, distinctTimes: 3);
        Assert.Equal(expected, await Walker.WalkForwardAndBackAsync(api, List, "sessions", () => 1));
        Assert.Equal(expected, await Walker.WalkForwardAndBackAsync(api, List, "sessions", () => 100));
    }

    [Fact]
    public async Task An_empty_list_has_no_items_and_no_tokens()
    {
        var api = await server.NewAccountAsync();
        var response = await api.GetAsync(List);
        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("""{"status":"success","data":{"sessions":[],"nextToken":null,"previousToken":null,"count":0}}""", response.Raw);
    }

    [Fact]
    public async Task The_default_limit_is_ten_and_a_list_that_fits_exactly_ends_without_a_next_token()
    {
        var (api, expected) = await SeedAsync(20, distinctTimes: 1000);
        var first = await Walker.GetPageAsync(api, List, "sessions");
        Assert.Equal(expected[..10], first.Ids);
        Assert.Null(first.Previous);
        var second = await Walker.GetPageAsync(api, List, "sessions", next: first.Next);
        Assert.Equal(expected[10..], second.Ids);
        Assert.Null(second.Next);
        Assert.NotNull(second.Previous);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("1.5")]
    [InlineData("")]
    [InlineData("+5")]
    [InlineData(" 5")]
    [InlineData("1e1")]
    [InlineData("99999999999999999999")]
    public async Task A_limit_that_is_not_an_integer_from_1_to_100_is_400(string limit)
    {
        var api = await server.NewAccountAsync();
        (await api.GetAsync($"{List}?limit={Uri.EscapeDataString(limit)}")).AssertBadRequest("Limit must be between 1 and 100");
    }

    [Fact]
    public async Task Random_limits_are_accepted_exactly_when_they_are_1_to_100()
    {
        var api = await server.NewAccountAsync();
        var random = new Random(11);
        for (var i = 0; i < 60; i++)
        {
            var limit = random.Next(-200, 300);
            var response = await api.GetAsync($"{List}?limit={limit}");
            if (limit is >= 1 and <= 100)
            {
                Assert.Equal(HttpStatusCode.OK, response.Status);
            }
            else
            {
                response.AssertBadRequest("Limit must be between 1 and 100");
            }
        }
    }

    [Fact]
    public async Task The_customer_filter_is_an_exact_match_and_empty_means_no_filter()
    {
        var api = await server.NewAccountAsync();
        for (var i = 0; i < 12; i++)
        {
            await api.CreateSessionAsync(new { id = $"x{i:00}", customerUserID = i % 3 == 0 ? "Ann" : i % 3 == 1 ? "ann" : "Ann " });
        }
        var anns = await Walker.WalkForwardAndBackAsync(api, List, "sessions", () => 2, query: "customerUserID=Ann");
        Assert.Equal(4, anns.Length);
        Assert.All(anns, id => Assert.Equal(0, int.Parse(id[1..]) % 3));
        Assert.Equal(12, (await Walker.AllAsync(api, List, "sessions", query: "customerUserID=")).Length);
        Assert.Empty(await Walker.AllAsync(api, List, "sessions", query: "customerUserID=nobody"));
    }

    [Fact]
    public async Task A_token_stays_valid_when_the_item_it_points_at_is_deleted()
    {
        var (api, expected) = await SeedAsync(30, 30);
        var first = await Walker.GetPageAsync(api, List, "sessions", 10);
        var second = await Walker.GetPageAsync(api, List, "sessions", 10, next: first.Next);
        await api.DeleteAsync($"/sessions/delete/{expected[9]}");  // the item first.Next points at
        await api.DeleteAsync($"/sessions/delete/{expected[10]}"); // the item second.Previous points at
        var again = await Walker.GetPageAsync(api, List, "sessions", 10, next: first.Next);
        Assert.Equal(expected[11..21], again.Ids);
        var back = await Walker.GetPageAsync(api, List, "sessions", 10, previous: second.Previous);
        Assert.Equal(expected[..9], back.Ids);
        Assert.Null(back.Previous);
    }

    [Fact]
    public async Task Previous_token_is_null_when_everything_before_the_page_was_deleted()
    {
        var (api, expected) = await SeedAsync(12, 12);
        var first = await Walker.GetPageAsync(api, List, "sessions", 4);
        foreach (var id in expected[..4])
        {
            await api.DeleteAsync($"/sessions/delete/{id}");
        }
        var second = await Walker.GetPageAsync(api, List, "sessions", 4, next: first.Next);
        Assert.Equal(expected[4..8], second.Ids);
        Assert.Null(second.Previous);
    }

    [Fact]
    public async Task A_next_page_whose_items_were_all_deleted_is_empty_and_leads_back()
    {
        var (api, expected) = await SeedAsync(8, 8);
        var first = await Walker.GetPageAsync(api, List, "sessions", 4);
        foreach (var id in expected[4..])
        {
            await api.DeleteAsync($"/sessions/delete/{id}");
        }
        var second = await Walker.GetPageAsync(api, List, "sessions", 4, next: first.Next);
        Assert.Empty(second.Ids);
        Assert.Null(second.Next);
        var back = await Walker.GetPageAsync(api, List, "sessions", 4, previous: second.Previous);
        Assert.Equal(expected[..4], back.Ids); // includes the item the next token pointed at
    }

    [Fact]
    public async Task Sessions_created_and_deleted_during_a_walk_never_make_it_repeat_or_skip()
    {
        var (api, expected) = await SeedAsync(200, distinctTimes: 50, seed: 99);
        var random = new Random(5);
        var deleted = new HashSet<string>();
        var seen = new List<string>();
        var page = await Walker.GetPageAsync(api, List, "sessions", 7);
        seen.AddRange(page.Ids);
        while (page.Next is not null)
        {
            // Between pages: new sessions (newer than everything), and deletes anywhere.
            for (var i = 0; i < 3; i++)
            {
                await api.CreateSessionAsync();
            }
            var victim = expected[random.Next(expected.Length)];
            if (deleted.Add(victim))
            {
                await api.DeleteAsync($"/sessions/delete/{victim}");
            }
            page = await Walker.GetPageAsync(api, List, "sessions", random.Next(1, 20), next: page.Next);
            seen.AddRange(page.Ids);
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Where(id => !deleted.Contains(id) || seen.Contains(id)), seen);
    }

    [Fact]
    public async Task Concurrent_creates_never_disturb_a_walk_in_progress()
    {
        var (api, expected) = await SeedAsync(150, distinctTimes: 150, seed: 3);
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await api.CreateSessionAsync();
            }
        });
        var seen = new List<string>();
        var page = await Walker.GetPageAsync(api, List, "sessions", 9);
        var firstNew = page.Ids.TakeWhile(id => !expected.Contains(id)).Count(); // creates that landed before the first read
        seen.AddRange(page.Ids.Skip(firstNew));
        while (page.Next is not null)
        {
            page = await Walker.GetPageAsync(api, List, "sessions", 9, next: page.Next);
            seen.AddRange(page.Ids);
        }
        await stop.CancelAsync();
        await writer;
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task The_limit_may_change_from_page_to_page()
    {
        var (api, expected) = await SeedAsync(25, 25);
        var first = await Walker.GetPageAsync(api, List, "sessions", 3);
        var second = await Walker.GetPageAsync(api, List, "sessions", 20, next: first.Next);
        var third = await Walker.GetPageAsync(api, List, "sessions", 100, next: second.Next);
        Assert.Equal(expected, first.Ids.Concat(second.Ids).Concat(third.Ids));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task Deleted_sessions_are_not_listed()
    {
        var (api, expected) = await SeedAsync(10, 10);
        await api.DeleteAsync($"/sessions/delete/{expected[3]}");
        Assert.Equal(expected.Where((_, i) => i != 3), await Walker.AllAsync(api, List, "sessions"));
    }

    [Fact]
    public async Task Metadata_reads_back_the_same_from_get_and_every_list_however_long_it_is()
    {
        // SQLite's lists read metadata from their covering indexes, where long entries spill to
        // overflow pages; PostgreSQL's read it from the table.
        var api = await server.NewAccountAsync();
        var random = new Random(1024);
        string Text(int length) => new([.. Enumerable.Range(0, length).Select(_ => (char)random.Next('a', 'z' + 1))]);
        int[] sizes = [0, 1, 1000, 1100, 5000, 64 * 2048];
        foreach (var (size, i) in sizes.Select((size, i) => (size, i)))
        {
            var metadata = size == 0 ? [] : Enumerable.Range(0, Math.Max(1, size / 2048))
                .Select(k => new { key = $"k{k}", value = Text(Math.Min(2048, size)) }).ToArray();
            await api.CreateSessionAsync(new { id = $"m{i}", customerUserID = "c", metadata });
        }
        var fromGet = new Dictionary<string, string>();
        foreach (var i in Enumerable.Range(0, sizes.Length))
        {
            fromGet[$"m{i}"] = (await api.GetAsync($"/sessions/get/m{i}")).Data.GetProperty("metadata").GetRawText();
        }
        foreach (var path in new[] { "/sessions/list?limit=100", "/sessions/list?limit=100&customerUserID=c" })
        {
            var listed = (await api.GetAsync(path)).Data.GetProperty("sessions").EnumerateArray()
                .ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("metadata").GetRawText());
            Assert.Equal(fromGet, listed);
        }
        Assert.Equal(64, JsonDocument.Parse(fromGet[$"m{sizes.Length - 1}"]).RootElement.GetArrayLength());
    }
}
