namespace Engram.Tests.Infrastructure;

/// Walks a list page by page and checks the contract's rules for every page on the way.
public static class Walker
{
    public sealed record Page(string[] Ids, string? Next, string? Previous);

    public static async Task<Page> GetPageAsync(Api api, string path, string plural, int? limit = null, string? next = null,
        string? previous = null, string query = "")
    {
        var url = $"{path}?{query}" + (limit is null ? "" : $"&limit={limit}")
            + (next is null ? "" : $"&nextToken={Uri.EscapeDataString(next)}")
            + (previous is null ? "" : $"&previousToken={Uri.EscapeDataString(previous)}");
        var response = await api.GetAsync(url);
        Assert.True(response.Status == HttpStatusCode.OK, $"{url}: {response.Status} {response.Raw}");
        var data = response.Data;
        Assert.Contains("nextToken", Shapes.Names(data));
        Assert.Contains("previousToken", Shapes.Names(data));
        var ids = Shapes.Ids(data, plural);
        Assert.Equal(ids.Length, data.GetProperty("count").GetInt32());
        if (limit is { } l)
        {
            Assert.True(ids.Length <= l);
        }
        return new Page(ids, data.GetProperty("nextToken").GetString(), data.GetProperty("previousToken").GetString());
    }

    /// Forward from the first page to the last with the given limits (cycled), then back from
    /// the last page to the first with the same limits; both walks must give the same pages.
    public static async Task<string[]> WalkForwardAndBackAsync(Api api, string path, string plural, Func<int> nextLimit, string query = "")
    {
        var pages = new List<(Page Page, int Limit)>();
        var limit = nextLimit();
        var page = await GetPageAsync(api, path, plural, limit, query: query);
        Assert.Null(page.Previous);
        pages.Add((page, limit));
        while (page.Next is not null)
        {
            Assert.NotEmpty(page.Ids);
            limit = nextLimit();
            page = await GetPageAsync(api, path, plural, limit, next: page.Next, query: query);
            Assert.NotNull(page.Previous);
            Assert.NotEmpty(page.Ids); // a nextToken promises at least one more item
            pages.Add((page, limit));
        }

        for (var i = pages.Count - 1; i > 0; i--)
        {
            var back = await GetPageAsync(api, path, plural, pages[i - 1].Limit, previous: pages[i].Page.Previous, query: query);
            Assert.Equal(pages[i - 1].Page.Ids, back.Ids);
            Assert.Equal(i > 1, back.Previous is not null);
            Assert.NotNull(back.Next);
        }

        var all = pages.SelectMany(p => p.Page.Ids).ToArray();
        Assert.Equal(all.Length, all.Distinct().Count());
        return all;
    }

    /// Every item of the list, in list order, in pages of 100.
    public static async Task<string[]> AllAsync(Api api, string path, string plural, string query = "")
    {
        var ids = new List<string>();
        string? next = null;
        do
        {
            var page = await GetPageAsync(api, path, plural, 100, next, query: query);
            ids.AddRange(page.Ids);
            next = page.Next;
        } while (next is not null);
        return [.. ids];
    }
}
