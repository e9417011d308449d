namespace Engram.Tests;

/// §11: deleting a message, or its session, removes it from retrieval at once, and from the memory
/// (its samples and chunks go in the delete's transaction, so the counts adjust in the same answer).
public abstract class ConversationDeleteTests(EngramServer server)
{
    [Fact]
    public async Task A_deleted_message_leaves_retrieval_and_the_memory_at_once_and_its_id_brings_nothing_back()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        await api.CreateMessageAsync(session, "I would like to book a table for four.");
        var colour = (await api.CreateMessageAsync(session, "My favourite colour is ultramarine blue.")).GetProperty("id").GetString()!;
        await api.CreateMessageAsync(session, "We will arrive at eight.", role: "assistant");
        await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { session } }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        Assert.Contains(colour, SourceIds(await api.QueryAsync(memory, "favourite colour ultramarine", topK: 3)));
        Assert.Equal((3, 3), await CountsAsync(api, memory));

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/messages/delete/{colour}")).Status);
        Assert.DoesNotContain(colour, SourceIds(await api.QueryAsync(memory, "favourite colour ultramarine", topK: 3)));
        Assert.Equal((2, 2), await CountsAsync(api, memory));
        var samples = await api.GetAsync($"/memories/samples?memoryID={memory}&limit=100");
        Assert.DoesNotContain(samples.Data.GetProperty("samples").EnumerateArray(), s => s.GetProperty("messageID").GetString() == colour);

        // A message made later under the same id, in a session no memory follows, is not the deleted one:
        // the deleted one's chunk must not come back with it.
        var elsewhere = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        await api.CreateMessageAsync(elsewhere, "Nothing to see here.", extra: new { id = colour });
        var answer = await api.QueryAsync(memory, "favourite colour ultramarine", topK: 3);
        Assert.DoesNotContain(colour, SourceIds(answer));
        Assert.DoesNotContain(answer.GetProperty("payload").EnumerateArray(), p => p.GetProperty("content").GetString()!.Contains("ultramarine"));
        Assert.Equal((2, 2), await CountsAsync(api, memory));
    }

    [Fact]
    public async Task A_deleted_session_leaves_retrieval_and_the_memory_at_once_and_later_messages_bring_nothing_back()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var doomed = (await api.CreateSessionAsync(new { customerUserID = "caller-9" })).GetProperty("id").GetString()!;
        var kept = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        string[] gone =
        [
            (await api.CreateMessageAsync(doomed, "My dog is called Biscuit.")).GetProperty("id").GetString()!,
            (await api.CreateMessageAsync(doomed, "Biscuit is a beagle.", role: "assistant")).GetProperty("id").GetString()!,
        ];
        var stays = (await api.CreateMessageAsync(kept, "My cat is called Pepper.")).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, customerUserID = "caller-9" }));
        await api.PostAsync("/memories/add-sessions", Api.Json(new { memoryID = memory, sessions = new[] { kept } }));
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        Assert.Equal((3, 3), await CountsAsync(api, memory));
        Assert.Contains(gone[0], SourceIds(await api.QueryAsync(memory, "What is my dog called?", topK: 5)));

        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync($"/sessions/delete/{doomed}")).Status);
        var answer = await api.QueryAsync(memory, "What is my dog called? Biscuit the beagle", topK: 5);
        Assert.Equal([stays], SourceIds(answer));
        Assert.Equal((1, 1), await CountsAsync(api, memory));
        (await api.PostAsync("/messages/create", Api.Json(new { sessionID = doomed, role = "user", content = "Biscuit again." })))
            .AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");

        // The customer is still followed: a new session's message arrives live, and the deleted
        // session's messages stay out while the feed looks over the account's recent messages again.
        var later = (await api.CreateSessionAsync(new { customerUserID = "caller-9" })).GetProperty("id").GetString()!;
        var fresh = (await api.CreateMessageAsync(later, "My parrot is called Kiwi.")).GetProperty("id").GetString()!;
        for (var i = 0; i < 600 && !SourceIds(await api.QueryAsync(memory, "parrot Kiwi", topK: 5)).Contains(fresh); i++)
        {
            await Task.Delay(50);
        }
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        answer = await api.QueryAsync(memory, "What is my dog called? Biscuit the beagle", topK: 5);
        Assert.Empty(SourceIds(answer).Intersect(gone));
        Assert.Equal((2, 2), await CountsAsync(api, memory));
    }

    private static async Task<(long Samples, long Chunks)> CountsAsync(Api api, string memory)
    {
        var data = (await api.GetAsync($"/memories/get/{memory}")).Data;
        return (data.GetProperty("sampleCount").GetInt64(), data.GetProperty("chunkCount").GetInt64());
    }

    private static string[] SourceIds(JsonElement answer) =>
        [.. answer.GetProperty("sources").EnumerateArray().Select(s => s.GetProperty("id").GetString()!)];
}
