namespace Engram.Tests;

/// §10 of the contract: memories, their samples and start-ingestion's answer.
public abstract class MemoriesTests(EngramServer server)
{
    private static readonly string[] MemoryFields = ["id", "name", "description", "memoryType", "ontology", "userID", "chunkSize",
        "chunkOverlap", "factExtraction", "acceleration", "webhookUrl", "step", "createdAt", "updatedAt", "status", "sampleCount",
        "chunkCount", "factCount", "entityCount"];

    private static readonly string[] SampleFields = ["id", "memoryID", "fileID", "messageID", "sessionID", "userID", "type", "status",
        "error", "tokens", "createdAt", "updatedAt"];

    [Fact]
    public async Task Create_fills_duohubs_defaults_and_get_returns_the_same()
    {
        var api = await server.NewAccountAsync();
        var created = await api.PostAsync("/memories/create", """{"name":"Calls","memoryType":"VECTOR"}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var memory = created.Data;
        Assert.Equal(MemoryFields, Shapes.Names(memory));
        Assert.Equal("vector", memory.GetProperty("memoryType").GetString());
        Assert.Equal("", memory.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, memory.GetProperty("ontology").ValueKind);
        Assert.Equal(250, memory.GetProperty("chunkSize").GetInt32());
        Assert.Equal(10, memory.GetProperty("chunkOverlap").GetInt32());
        Assert.False(memory.GetProperty("factExtraction").GetBoolean());
        Assert.False(memory.GetProperty("acceleration").GetBoolean());
        Assert.Equal(JsonValueKind.Null, memory.GetProperty("webhookUrl").ValueKind);
        Assert.Equal("empty", memory.GetProperty("status").GetString());
        Assert.Equal(0, memory.GetProperty("sampleCount").GetInt64());
        Assert.Equal(api.Account, memory.GetProperty("userID").GetString());
        var fetched = await api.GetAsync($"/memories/get/{memory.GetProperty("id").GetString()}");
        Assert.Equal(created.Raw, fetched.Raw);
    }

    [Fact]
    public async Task Create_takes_every_duohub_py_field_for_any_memory_type()
    {
        var api = await server.NewAccountAsync();
        var memory = await api.CreateMemoryAsync(new
        {
            id = "kb-1", name = "Historical Knowledge Base", description = "Cultural memory", memoryType = "graph", ontology = "cultural",
            chunkSize = 1000, chunkOverlap = 20, webhookUrl = "https://api.example.com/webhook", acceleration = true, factExtraction = true,
        });
        Assert.Equal("kb-1", memory.GetProperty("id").GetString());
        Assert.Equal("culture", memory.GetProperty("ontology").GetString());
        Assert.Equal(1000, memory.GetProperty("chunkSize").GetInt32());
        Assert.Equal(20, memory.GetProperty("chunkOverlap").GetInt32());
        Assert.True(memory.GetProperty("acceleration").GetBoolean());
        Assert.True(memory.GetProperty("factExtraction").GetBoolean());
        Assert.Equal("https://api.example.com/webhook", memory.GetProperty("webhookUrl").GetString());
        (await api.PostAsync("/memories/create", """{"id":"kb-1","name":"again","memoryType":"vector"}"""))
            .AssertError(HttpStatusCode.Conflict, "Memory already exists", "conflict");
    }

    [Theory]
    [InlineData("""{"memoryType":"vector"}""", "name is required")]
    [InlineData("""{"name":"","memoryType":"vector"}""", "name is required")]
    [InlineData("""{"name":"n"}""", "memoryType is required")]
    [InlineData("""{"name":"n","memoryType":"table"}""", "memoryType must be one of: graph, vector")]
    [InlineData("""{"name":"n","memoryType":"graph"}""", "ontology is required for graph memory")]
    [InlineData("""{"name":"n","memoryType":"vector","ontology":"poems"}""", "ontology must be one of: culture, essays, support_requests")]
    [InlineData("""{"name":"n","memoryType":"vector","chunkSize":49}""", "chunkSize must be an integer between 50 and 8000")]
    [InlineData("""{"name":"n","memoryType":"vector","chunkSize":8001}""", "chunkSize must be an integer between 50 and 8000")]
    [InlineData("""{"name":"n","memoryType":"vector","chunkSize":"250"}""", "chunkSize must be an integer between 50 and 8000")]
    [InlineData("""{"name":"n","memoryType":"vector","chunkSize":250.5}""", "chunkSize must be an integer between 50 and 8000")]
    [InlineData("""{"name":"n","memoryType":"vector","chunkOverlap":0}""", "chunkOverlap must be an integer between 1 and 50")]
    [InlineData("""{"name":"n","memoryType":"vector","chunkOverlap":51}""", "chunkOverlap must be an integer between 1 and 50")]
    [InlineData("""{"name":"n","memoryType":"vector","webhookUrl":"not a url"}""", "webhookUrl must be an absolute http or https URL")]
    [InlineData("""{"name":"n","memoryType":"vector","acceleration":"yes"}""", "acceleration must be true or false")]
    [InlineData("""{"name":"n","memoryType":"vector","factExtraction":1}""", "factExtraction must be true or false")]
    [InlineData("""{"name":"n","memoryType":"vector","id":"a b"}""", "id must be 1-128 printable characters without / ? # % \\ or spaces")]
    public async Task Each_bad_field_is_a_400_naming_it(string body, string error)
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/memories/create", body)).AssertBadRequest(error);
        Assert.Equal(0, (await api.GetAsync("/memories/list")).Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Add_files_adds_a_pending_sample_per_file_once_and_answers_the_first()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var a = (await api.UploadFileAsync("a.txt", [65])).GetProperty("id").GetString()!;
        var b = (await api.UploadFileAsync("b.txt", [66])).GetProperty("id").GetString()!;
        var added = await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { a, b } }));
        Assert.Equal(HttpStatusCode.Created, added.Status);
        Assert.Equal(SampleFields, Shapes.Names(added.Data));
        Assert.Equal(a, added.Data.GetProperty("fileID").GetString());
        Assert.Equal(memory, added.Data.GetProperty("memoryID").GetString());
        Assert.Equal("document", added.Data.GetProperty("type").GetString());
        Assert.Equal("pending", added.Data.GetProperty("status").GetString());
        var again = await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { b, a } }));
        Assert.Equal(added.Data.GetProperty("id").GetString(), (await api.PostAsync("/memories/add-files",
            Api.Json(new { memoryID = memory, files = new[] { a } }))).Data.GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.Created, again.Status);
        var samples = await api.GetAsync($"/memories/samples?memoryID={memory}");
        Assert.Equal([a, b], samples.Data.GetProperty("samples").EnumerateArray().Select(s => s.GetProperty("fileID").GetString()!).ToArray());
        Assert.Equal("pending", (await api.GetAsync($"/memories/get/{memory}")).Data.GetProperty("status").GetString());
        Assert.Equal(2, (await api.GetAsync($"/memories/get/{memory}")).Data.GetProperty("sampleCount").GetInt64());
    }

    [Fact]
    public async Task Add_files_adds_nothing_when_a_file_or_the_memory_is_unknown()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var a = (await api.UploadFileAsync("a.txt", [65])).GetProperty("id").GetString()!;
        (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { a, "nope" } })))
            .AssertError(HttpStatusCode.NotFound, "File not found", "not_found");
        (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = "nope", files = new[] { a } })))
            .AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        Assert.Equal(0, (await api.GetAsync($"/memories/samples?memoryID={memory}")).Data.GetProperty("count").GetInt32());
        var other = await server.NewAccountAsync();
        (await other.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { a } })))
            .AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.PostAsync("/memories/add-files", Api.Json(new { files = new[] { a } }))).AssertBadRequest("memoryID is required");
        (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = Array.Empty<string>() })))
            .AssertBadRequest("files must be an array of 1-100 file ids");
        (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = "a" })))
            .AssertBadRequest("files must be an array of 1-100 file ids");
    }

    [Fact]
    public async Task Delete_file_takes_it_out_of_the_memory_only()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var a = (await api.UploadFileAsync("a.txt", [65])).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { a } }));
        var removed = await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={a}");
        Assert.Equal(HttpStatusCode.OK, removed.Status);
        Assert.Equal("""{"status":"success","message":"File deleted from memory successfully"}""", removed.Raw);
        (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}&fileID={a}")).AssertError(HttpStatusCode.NotFound, "File not found", "not_found");
        (await api.DeleteAsync($"/memories/delete-file?memoryID=nope&fileID={a}")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.DeleteAsync($"/memories/delete-file?fileID={a}")).AssertBadRequest("memoryID is required");
        (await api.DeleteAsync($"/memories/delete-file?memoryID={memory}")).AssertBadRequest("fileID is required");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/files/get/{a}")).Status);
    }

    [Fact]
    public async Task Start_ingestion_answers_duohubs_shape_and_does_not_queue_twice()
    {
        var api = await server.NewAccountAsync();
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var a = (await api.UploadFileAsync("a.txt", System.Text.Encoding.UTF8.GetBytes(new string('x', 400)))).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { a } }));
        var started = await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }));
        Assert.Equal(HttpStatusCode.OK, started.Status);
        Assert.Equal(["status", "message", "data"], Shapes.Names(started.Json));
        Assert.Equal("Sample batch processing started", started.Json.GetProperty("message").GetString());
        Assert.Equal(["tokenMetrics", "sampleCount"], Shapes.Names(started.Data));
        Assert.Equal(["tokensForIngestion", "tokensRemaining", "totalTokenLimit"], Shapes.Names(started.Data.GetProperty("tokenMetrics")));
        Assert.Equal(JsonValueKind.Null, started.Data.GetProperty("tokenMetrics").GetProperty("totalTokenLimit").ValueKind);
        Assert.Equal(JsonValueKind.Null, started.Data.GetProperty("tokenMetrics").GetProperty("tokensRemaining").ValueKind);
        Assert.True(started.Data.GetProperty("tokenMetrics").GetProperty("tokensForIngestion").GetInt64() > 0);
        Assert.Equal(1, started.Data.GetProperty("sampleCount").GetInt64());
        (await api.PostAsync("/memories/start-ingestion", "{}")).AssertBadRequest("memoryID is required");
        (await api.PostAsync("/memories/start-ingestion", """{"memoryID":"nope"}""")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
    }

    [Fact]
    public async Task Over_the_token_limit_start_ingestion_is_429_with_retry_after_and_queues_nothing()
    {
        var api = await server.NewAccountAsync();
        var (limited, address) = await EngramServer.StartAsync(server.DatabaseOrSkip,
            adjust: settings => settings with { Ingestion = new() { AllowPrivateNetworks = true, TokenLimit = 10, Workers = 0 } });
        await using (limited)
        {
            var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
            var file = (await api.UploadFileAsync("big.txt", System.Text.Encoding.UTF8.GetBytes(new string('x', 400)))).GetProperty("id").GetString()!;
            await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = new[] { file } }));
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(address, "/memories/start-ingestion"))
            {
                Content = new StringContent(Api.Json(new { memoryID = memory })),
            };
            request.Headers.Add("X-API-Key", api.Key);
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.Equal("""{"error":"Token limit reached","status":"too_many_requests"}""", await response.Content.ReadAsStringAsync());
            Assert.True(response.Headers.RetryAfter is not null);
            Assert.Equal("pending", (await api.GetAsync($"/memories/get/{memory}")).Data.GetProperty("status").GetString());
            await limited.StopAsync();
        }
    }

    [Fact]
    public async Task List_pages_and_delete_takes_everything_derived_but_keeps_the_files()
    {
        var api = await server.NewAccountAsync();
        var created = new List<(string Id, string CreatedAt)>();
        for (var i = 0; i < 3; i++)
        {
            var memory = await api.CreateMemoryAsync();
            created.Add((memory.GetProperty("id").GetString()!, memory.GetProperty("createdAt").GetString()!));
        }
        // Newest first; memories made in the same millisecond by id, descending (byte order).
        var ids = created.OrderBy(memory => memory.CreatedAt, StringComparer.Ordinal)
            .ThenBy(memory => memory.Id, StringComparer.Ordinal).Select(memory => memory.Id).ToList();
        var first = await api.GetAsync("/memories/list?limit=2");
        Assert.Equal(["memories", "nextToken", "previousToken", "count"], Shapes.Names(first.Data));
        Assert.Equal([ids[2], ids[1]], Shapes.Ids(first.Data, "memories"));
        var next = await api.GetAsync($"/memories/list?limit=2&nextToken={first.Data.GetProperty("nextToken").GetString()}");
        Assert.Equal([ids[0]], Shapes.Ids(next.Data, "memories"));
        var file = (await api.UploadFileAsync("a.txt", [65])).GetProperty("id").GetString()!;
        await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = ids[0], files = new[] { file } }));
        var deleted = await api.DeleteAsync($"/memories/delete/{ids[0]}");
        Assert.Equal("""{"status":"success","message":"Memory deleted successfully"}""", deleted.Raw);
        (await api.GetAsync($"/memories/get/{ids[0]}")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        (await api.GetAsync($"/memories/samples?memoryID={ids[0]}")).AssertError(HttpStatusCode.NotFound, "Memory not found", "not_found");
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/files/get/{file}")).Status);
    }
}
