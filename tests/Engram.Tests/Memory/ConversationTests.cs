using System.Diagnostics;
using System.Globalization;

namespace Engram.Tests;

/// §11, conversation memory: createdAt on messages, add-sessions, live ingestion, deletes and dates.
public abstract class ConversationTests(EngramServer server)
{
    private static string Wire(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [Fact]
    public async Task CreatedAt_is_stored_as_given_and_list_order_stays_creation_order()
    {
        var api = await server.NewAccountAsync();
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        var random = new Random(15);
        var times = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            // Random past times, out of order, some with fewer fractional digits than the wire format's three.
            var at = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMilliseconds(random.NextInt64(0, 25L * 365 * 86_400_000));
            var sent = i % 3 == 0 ? at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : Wire(at);
            var message = await api.CreateMessageAsync(session, $"turn {i}", extra: new { createdAt = sent });
            var expected = i % 3 == 0 ? Wire(at.AddTicks(-(at.Ticks % TimeSpan.TicksPerSecond))) : Wire(at);
            Assert.Equal(expected, message.GetProperty("createdAt").GetString());
            Assert.Equal(expected, (await api.GetAsync($"/messages/get/{message.GetProperty("id").GetString()}")).Data.GetProperty("createdAt").GetString());
            times.Add(expected);
        }
        var listed = (await api.GetAsync($"/messages/list?sessionID={session}&limit=100")).Data.GetProperty("messages").EnumerateArray()
            .Select(m => m.GetProperty("content").GetString()).ToArray();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"turn {i}"), listed);
    }

    [Theory]
    [InlineData("\"2999-01-01T00:00:00.000Z\"")]
    [InlineData("\"2024-01-01\"")]
    [InlineData("\"2024-01-01T00:00:00.000+02:00\"")]
    [InlineData("\"yesterday\"")]
    [InlineData("1704067200000")]
    public async Task A_bad_or_future_createdAt_is_a_400_naming_it(string value)
    {
        var api = await server.NewAccountAsync();
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        var response = await api.PostAsync("/messages/create", $$"""{"sessionID":"{{session}}","role":"user","content":"hi","createdAt":{{value}}}""");
        response.AssertBadRequest("createdAt must be a UTC timestamp such as 2024-01-01T00:00:00.000Z, not in the future");
    }

    [Fact]
    public async Task Add_sessions_answers_404_and_400_as_documented()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        (await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = "nope", sessions = new[] { session } })))
            .AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session, "nope" } })))
            .AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await api.PostAsync("/memories/add-sessions", Api.Json(new { sessions = new[] { session } }))).AssertBadRequest("memoryID is required");
        (await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory })))
            .AssertBadRequest("sessions or customerUserID is required");
        (await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session }, customerUserID = "c" })))
            .AssertBadRequest("Provide sessions or customerUserID, not both");
        foreach (var bad in (string[])["[]", "\"s\"", "[1]", $"[{string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"s{i}\""))}]"])
        {
            (await api.PostAsync("/memories/add-sessions", $$"""{"memoryID":"{{memory}}","sessions":{{bad}}}"""))
                .AssertBadRequest("sessions must be an array of 1-100 session ids");
        }
        var samples = await api.GetAsync($"/memories/samples?memoryID={memory}");
        Assert.Equal(0, samples.Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Added_sessions_are_ingested_without_a_start_call_and_answer_with_dated_messages()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        var first = await api.CreateMessageAsync(session, "Caroline: I went to the LGBTQ support group yesterday and it was powerful.",
            extra: new { createdAt = "2023-05-08T13:56:00.000Z" });
        await api.CreateMessageAsync(session, "Melanie: That's great! I painted a lake sunrise last year.", role: "assistant",
            extra: new { createdAt = "2023-05-08T13:57:00.000Z" });

        var added = await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session } }));
        Assert.Equal(HttpStatusCode.Created, added.Status);
        var samples = added.Data.GetProperty("samples").EnumerateArray().ToArray();
        Assert.Equal(["human", "ai"], samples.Select(s => s.GetProperty("type").GetString()));
        Assert.All(samples, s => Assert.Equal(session, s.GetProperty("sessionID").GetString()));
        Assert.Equal(first.GetProperty("id").GetString(), samples[0].GetProperty("messageID").GetString());
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));

        var answer = await api.QueryAsync(memory, "When did Caroline go to the support group?", topK: 1);
        Assert.Equal("Caroline (8 May 2023): I went to the LGBTQ support group yesterday [7 May 2023] and it was powerful.",
            answer.GetProperty("payload")[0].GetProperty("content").GetString());
        var source = answer.GetProperty("sources")[0];
        Assert.Equal(first.GetProperty("id").GetString(), source.GetProperty("id").GetString());
        Assert.Equal($"session {session}", source.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, source.GetProperty("url").ValueKind);
        Assert.Equal("message", source.GetProperty("type").GetString());
        Assert.Equal(session, source.GetProperty("sessionID").GetString());
        Assert.Equal("2023-05-08T13:56:00.000Z", source.GetProperty("createdAt").GetString());

        // Adding the same session again adds nothing and answers the same samples.
        var again = await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session } }));
        Assert.Equal(samples.Select(s => s.GetProperty("id").GetString()),
            again.Data.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_new_message_is_retrievable_within_two_seconds_and_gone_at_once_when_deleted()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        await api.CreateMessageAsync(session, "Hello, I would like to book a table.");
        await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session } }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));

        var message = await api.CreateMessageAsync(session, "My favourite colour is ultramarine blue.");
        var id = message.GetProperty("id").GetString()!;
        var clock = Stopwatch.StartNew();
        while (!SourceIds(await api.QueryAsync(memory, "favourite colour ultramarine", topK: 3)).Contains(id) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50);
        }
        // §11 promises 2 seconds; the house keeps wall-clock limits out of tests (a loaded CI machine
        // would make them flaky), so this requires that it arrives and writes down how long it took.
        TestContext.Current.TestOutputHelper?.WriteLine($"a live message was retrievable after {clock.ElapsedMilliseconds} ms");
        Assert.Contains(id, SourceIds(await api.QueryAsync(memory, "favourite colour ultramarine", topK: 3)));

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/messages/delete/{id}")).Status);
        Assert.DoesNotContain(id, SourceIds(await api.QueryAsync(memory, "favourite colour ultramarine", topK: 3)));
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/sessions/delete/{session}")).Status);
        var after = await api.QueryAsync(memory, "book a table", topK: 5);
        Assert.Equal(0, after.GetProperty("payload").GetArrayLength());
        Assert.Equal(0, after.GetProperty("sources").GetArrayLength());
    }

    [Fact]
    public async Task A_customer_s_later_sessions_are_followed_too()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var earlier = (await api.CreateSessionAsync(new { customerUserID = "caller-7" })).GetProperty("id").GetString()!;
        var other = (await api.CreateSessionAsync(new { customerUserID = "caller-8" })).GetProperty("id").GetString()!;
        await api.CreateMessageAsync(earlier, "My dog is called Biscuit.");
        await api.CreateMessageAsync(other, "My cat is called Pepper.");
        var added = await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, customerUserID = "caller-7" }));
        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal([earlier], added.Data.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("sessionID").GetString()));

        var later = (await api.CreateSessionAsync(new { customerUserID = "caller-7" })).GetProperty("id").GetString()!;
        var id = (await api.CreateMessageAsync(later, "I moved to Lisbon last month.", extra: new { createdAt = "2024-03-10T09:00:00.000Z" }))
            .GetProperty("id").GetString()!;
        await api.CreateMessageAsync(other, "I moved to Oslo.");
        JsonElement answer = default;
        for (var i = 0; i < 600 && !SourceIds(answer = await api.QueryAsync(memory, "Where did I move?", topK: 5)).Contains(id); i++)
        {
            await Task.Delay(50);
        }
        Assert.Contains(id, SourceIds(answer));
        Assert.Contains("User (10 March 2024): I moved to Lisbon last month [February 2024].",
            answer.GetProperty("payload").EnumerateArray().Select(p => p.GetProperty("content").GetString()));
        Assert.DoesNotContain(answer.GetProperty("payload").EnumerateArray(), p => p.GetProperty("content").GetString()!.Contains("Oslo"));
    }

    private static string[] SourceIds(JsonElement answer) =>
        answer.ValueKind == JsonValueKind.Undefined ? [] : [.. answer.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
}
