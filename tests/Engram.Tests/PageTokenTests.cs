namespace Engram.Tests;

/// §2 of the contract: a page token is opaque, signed, and bound to its list, account, filters
/// and direction; both tokens at once are refused.
public abstract class PageTokenTests(EngramServer server)
{
    private const string List = "/sessions/list";

    private Task<(Api Api, string[] Expected)> SeedAsync(int count, int distinctTimes, string? customer = null, int seed = 7) =>
        server.SeedSessionsAsync(count, distinctTimes, customer, seed);

    [Fact]
    public async Task Both_tokens_at_once_is_400()
    {
        var (api, _) = await SeedAsync(30, 30);
        var first = await Walker.GetPageAsync(api, List, "sessions", 5);
        var second = await Walker.GetPageAsync(api, List, "sessions", 5, next: first.Next);
        (await api.GetAsync($"{List}?nextToken={second.Next}&previousToken={second.Previous}"))
            .AssertBadRequest("Provide nextToken or previousToken, not both");
    }

    [Fact]
    public async Task Every_altered_character_of_a_token_is_rejected()
    {
        var (api, _) = await SeedAsync(30, 30);
        var first = await Walker.GetPageAsync(api, List, "sessions", 5);
        var second = await Walker.GetPageAsync(api, List, "sessions", 5, next: first.Next);
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        foreach (var (token, name) in new[] { (second.Next!, "nextToken"), (second.Previous!, "previousToken") })
        {
            for (var i = 0; i < token.Length; i++)
            {
                var replacement = alphabet[(alphabet.IndexOf(token[i]) + 1 + i % 63) % alphabet.Length];
                var altered = token[..i] + replacement + token[(i + 1)..];
                (await api.GetAsync($"{List}?{name}={altered}")).AssertBadRequest($"Invalid {name}");
            }
            (await api.GetAsync($"{List}?{name}={token}A")).AssertBadRequest($"Invalid {name}");
            (await api.GetAsync($"{List}?{name}={token[..^1]}")).AssertBadRequest($"Invalid {name}");
            (await api.GetAsync($"{List}?{name}=not-a-token")).AssertBadRequest($"Invalid {name}");
            (await api.GetAsync($"{List}?{name}={Uri.EscapeDataString(token + "==")}")).AssertBadRequest($"Invalid {name}");
        }
    }

    [Fact]
    public async Task A_token_is_refused_by_another_account()
    {
        var (api, _) = await SeedAsync(15, 15);
        var other = await server.NewAccountAsync();
        var first = await Walker.GetPageAsync(api, List, "sessions", 5);
        (await other.GetAsync($"{List}?nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
    }

    [Fact]
    public async Task A_token_is_bound_to_its_filters()
    {
        var (api, _) = await SeedAsync(15, 15, customer: "cust-a");
        var first = await Walker.GetPageAsync(api, List, "sessions", 5, query: "customerUserID=cust-a");
        Assert.NotNull(first.Next);
        (await api.GetAsync($"{List}?nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        (await api.GetAsync($"{List}?customerUserID=cust-b&nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"{List}?customerUserID=cust-a&nextToken={first.Next}")).Status);

        var unfiltered = await Walker.GetPageAsync(api, List, "sessions", 5);
        (await api.GetAsync($"{List}?customerUserID=cust-a&nextToken={unfiltered.Next}")).AssertBadRequest("Invalid nextToken");
    }

    [Fact]
    public async Task A_token_is_bound_to_its_resource_and_direction()
    {
        var (api, _) = await SeedAsync(15, 15);
        var first = await Walker.GetPageAsync(api, List, "sessions", 5);
        var second = await Walker.GetPageAsync(api, List, "sessions", 5, next: first.Next);
        (await api.GetAsync($"/users/list?nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        (await api.GetAsync($"/messages/list?nextToken={first.Next}")).AssertBadRequest("Invalid nextToken");
        (await api.GetAsync($"/users/list?previousToken={second.Previous}")).AssertBadRequest("Invalid previousToken");
        (await api.GetAsync($"{List}?previousToken={first.Next}")).AssertBadRequest("Invalid previousToken");
        (await api.GetAsync($"{List}?nextToken={second.Previous}")).AssertBadRequest("Invalid nextToken");
    }

    [Fact]
    public async Task A_token_in_the_longer_shape_of_an_older_version_is_400()
    {
        // Version 1 tokens ended in a 16-byte HMAC-SHA256 tag; version 2 ends in an 8-byte one.
        var (api, _) = await SeedAsync(15, 15);
        var first = await Walker.GetPageAsync(api, List, "sessions", 5);
        var second = await Walker.GetPageAsync(api, List, "sessions", 5, next: first.Next);
        foreach (var (token, name) in new[] { (first.Next!, "nextToken"), (second.Previous!, "previousToken") })
        {
            var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(token);
            var older = bytes.ToArray();
            older[0] = 1;
            foreach (var shape in new[] { [.. bytes, .. new byte[8]], [.. older, .. new byte[8]], older })
            {
                (await api.GetAsync($"{List}?{name}={System.Buffers.Text.Base64Url.EncodeToString(shape)}"))
                    .AssertBadRequest($"Invalid {name}");
            }
        }
    }
}
