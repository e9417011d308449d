using System.Collections.Concurrent;

namespace Engram.Tests;

/// 64 clients at once, mixing creates, deletes and list walks: no lost write, no duplicate or
/// skipped item in any walk, no 500. CI runs it for a minute per backend (ENGRAM_SOAK_SECONDS=60);
/// by default it runs for 10 seconds so a local `dotnet test` stays quick.
public abstract class ConcurrencyTests(EngramServer server)
{
    private const int Clients = 64;
    private const int Accounts = 4;

    private static TimeSpan Duration =>
        TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("ENGRAM_SOAK_SECONDS"), out var s) && s > 0 ? s : 10);

    private sealed class AccountState(Api api)
    {
        public Api Api { get; } = api;
        /// Sessions whose create answered 201 → whether a delete of it has been sent.
        public ConcurrentDictionary<string, bool> Sessions { get; } = new();
        public ConcurrentDictionary<string, int> MessagesPerSession { get; } = new();
        public int Walks;
    }

    [Fact]
    public async Task Sixty_four_clients_mixing_writes_and_walks_lose_nothing_and_never_repeat_or_skip()
    {
        var accounts = new AccountState[Accounts];
        for (var a = 0; a < Accounts; a++)
        {
            accounts[a] = new AccountState(await server.NewAccountAsync());
        }
        var failures = new ConcurrentQueue<string>();
        var deadline = DateTime.UtcNow + Duration;
        var clients = Enumerable.Range(0, Clients).Select(c => Task.Run(() => ClientAsync(c, accounts[c % Accounts], deadline, failures))).ToArray();
        await Task.WhenAll(clients);
        Assert.Empty(failures);

        foreach (var account in accounts)
        {
            var live = account.Sessions.Where(s => !s.Value).Select(s => s.Key).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal(live, (await Walker.AllAsync(account.Api, "/sessions/list", "sessions")).Order(StringComparer.Ordinal));
            var messages = live.Sum(id => account.MessagesPerSession.GetValueOrDefault(id));
            Assert.Equal(messages, (await account.Api.GetAsync("/messages/list")).Data.GetProperty("totalCount").GetInt64());
            Assert.True(account.Walks > 0);
        }
    }

    private static async Task ClientAsync(int client, AccountState account, DateTime deadline, ConcurrentQueue<string> failures)
    {
        var random = new Random(client);
        var mine = new List<string>();
        for (var i = 0; DateTime.UtcNow < deadline && failures.IsEmpty; i++)
        {
            var roll = random.Next(100);
            if (roll < 40 || mine.Count == 0)
            {
                var id = $"c{client}-{i}";
                var response = await account.Api.PostAsync("/sessions/create", Api.Json(new { id }));
                if (!Expect(response, HttpStatusCode.Created, failures, $"create {id}"))
                {
                    return;
                }
                account.Sessions[id] = false;
                mine.Add(id);
            }
            else if (roll < 60)
            {
                var session = mine[random.Next(mine.Count)];
                var response = await account.Api.PostAsync("/messages/create", Api.Json(new { sessionID = session, role = "user", content = $"turn {i}" }));
                if (!Expect(response, HttpStatusCode.Created, failures, $"message into {session}"))
                {
                    return;
                }
                account.MessagesPerSession.AddOrUpdate(session, 1, (_, n) => n + 1);
            }
            else if (roll < 70)
            {
                var index = random.Next(mine.Count);
                var session = mine[index];
                mine.RemoveAt(index);
                account.Sessions[session] = true; // marked before it is sent: a walk may or may not see it
                if (!Expect(await account.Api.DeleteAsync($"/sessions/delete/{session}"), HttpStatusCode.OK, failures, $"delete {session}"))
                {
                    return;
                }
            }
            else if (!await WalkAsync(account, random, failures))
            {
                return;
            }
        }
    }

    /// One walk of the account's sessions: every session live when it starts and not deleted
    /// while it runs must appear exactly once.
    private static async Task<bool> WalkAsync(AccountState account, Random random, ConcurrentQueue<string> failures)
    {
        var before = account.Sessions.Where(s => !s.Value).Select(s => s.Key).ToArray();
        var seen = new List<string>();
        string? next = null;
        do
        {
            var url = $"/sessions/list?limit={random.Next(1, 101)}" + (next is null ? "" : $"&nextToken={next}");
            var response = await account.Api.GetAsync(url);
            if (!Expect(response, HttpStatusCode.OK, failures, url))
            {
                return false;
            }
            seen.AddRange(Shapes.Ids(response.Data, "sessions"));
            next = response.Data.GetProperty("nextToken").GetString();
        } while (next is not null);
        Interlocked.Increment(ref account.Walks);

        var seenOnce = new HashSet<string>(seen);
        if (seenOnce.Count != seen.Count)
        {
            failures.Enqueue("a walk saw an item twice");
        }
        var missing = before.Where(id => !account.Sessions[id] && !seenOnce.Contains(id)).ToArray();
        if (missing.Length > 0)
        {
            failures.Enqueue($"a walk skipped {string.Join(", ", missing)}");
        }
        return failures.IsEmpty;
    }

    private static bool Expect(ApiResponse response, HttpStatusCode expected, ConcurrentQueue<string> failures, string what)
    {
        if (response.Status != expected)
        {
            failures.Enqueue($"{what}: {(int)response.Status} {response.Raw}");
            return false;
        }
        return true;
    }
}
