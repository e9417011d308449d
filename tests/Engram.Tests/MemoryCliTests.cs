using Engram.Cli;

namespace Engram.Tests;

/// `engram files|memories …` and `engram ask` in-process, over HTTP to the real server.
public abstract class MemoryCliTests(EngramServer server)
{
    private async Task<(int Exit, string[] Lines, string Error)> EngramAsync(Api api, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await MemoryCommand.RunAsync([.. args, "--url", server.BaseAddress.ToString(), "--key", api.Key ?? ""], output, error);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement.Clone();

    private static async Task<string> TempFileAsync(string name, string text)
    {
        var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "engram-cli-" + Guid.NewGuid().ToString("N")));
        var path = Path.Combine(directory.FullName, name);
        await File.WriteAllTextAsync(path, text);
        return path;
    }

    [Fact]
    public async Task Files_upload_prints_the_file_and_json_is_the_apis_data()
    {
        var api = await server.NewAccountAsync();
        var path = await TempFileAsync("menu.txt", "Soup of the day: leek and potato.");
        var (exit, lines, _) = await EngramAsync(api, "files", "upload", path, "--name", "Menu", "--id", "menu-1");
        Assert.Equal(0, exit);
        Assert.Equal("id              menu-1", lines[0]);
        Assert.Contains("name            Menu", lines);
        Assert.Contains("fileType        text", lines);

        var (_, json, _) = await EngramAsync(api, "files", "get", "menu-1", "--json");
        Assert.True(JsonElement.DeepEquals((await api.GetAsync("/files/get/menu-1")).Data, Json(Assert.Single(json))));
    }

    [Fact]
    public async Task Files_add_url_list_by_category_and_delete()
    {
        var api = await server.NewAccountAsync();
        var (exit, created, _) = await EngramAsync(api, "files", "add-url", "https://example.com/sitemap.xml", "--type", "sitemap", "--json");
        Assert.Equal(0, exit);
        var file = Json(created[0]);
        Assert.Equal(("sitemap", "web", "https://example.com/sitemap.xml"),
            (file.GetProperty("fileType").GetString(), file.GetProperty("category").GetString(), file.GetProperty("name").GetString()));
        var id = file.GetProperty("id").GetString()!;
        await EngramAsync(api, "files", "upload", await TempFileAsync("a.txt", "a"));

        var (_, table, _) = await EngramAsync(api, "files", "list", "--category", "web");
        Assert.StartsWith("ID", table[0]);
        Assert.Equal(id, Assert.Single(table.Skip(1)).Split(' ')[0]);
        var (_, all, _) = await EngramAsync(api, "files", "list", "--all", "--json", "--limit", "1");
        Assert.Equal(2, all.Length);

        Assert.Equal([$"Deleted file {id} and what every memory drew from it."], (await EngramAsync(api, "files", "delete", id)).Lines);
        var (gone, _, error) = await EngramAsync(api, "files", "get", id);
        Assert.Equal((1, "engram: File not found (404 not_found)"), (gone, error.TrimEnd()));
    }

    [Fact]
    public async Task Memories_create_get_list_and_delete()
    {
        var api = await server.NewAccountAsync();
        var (exit, created, _) = await EngramAsync(api, "memories", "create", "Support", "--type", "vector", "--chunk-size", "300",
            "--chunk-overlap", "15", "--description", "calls", "--fact-extraction", "--json");
        Assert.Equal(0, exit);
        var memory = Json(created[0]);
        var id = memory.GetProperty("id").GetString()!;
        Assert.Equal((300, 15, true), (memory.GetProperty("chunkSize").GetInt32(), memory.GetProperty("chunkOverlap").GetInt32(),
            memory.GetProperty("factExtraction").GetBoolean()));
        var (_, json, _) = await EngramAsync(api, "memories", "get", id, "--json");
        Assert.True(JsonElement.DeepEquals((await api.GetAsync($"/memories/get/{id}")).Data, Json(json[0])));

        var (_, fields, _) = await EngramAsync(api, "memories", "get", id);
        Assert.Contains("status          empty", fields);
        var (_, table, _) = await EngramAsync(api, "memories", "list");
        Assert.Contains(table, l => l.StartsWith(id) && l.Contains("vector") && l.EndsWith("Support"));
        Assert.Equal([$"Deleted memory {id}; its files stay."], (await EngramAsync(api, "memories", "delete", id)).Lines);

        var (bad, _, error) = await EngramAsync(api, "memories", "create", "G", "--type", "graph");
        Assert.Equal((1, "engram: ontology is required for graph memory (400 bad_request)"), (bad, error.TrimEnd()));
    }

    [Fact]
    public async Task Memories_add_files_ingest_wait_and_ask()
    {
        var api = await server.NewAccountAsync();
        var memory = Json((await EngramAsync(api, "memories", "create", "Garden", "--type", "vector", "--json")).Lines[0]).GetProperty("id").GetString()!;
        var fileId = Json((await EngramAsync(api, "files", "upload", await TempFileAsync("garden.txt",
            "The greenhouse key hangs behind the shed door. Tomatoes are watered every evening."), "--json")).Lines[0]).GetProperty("id").GetString()!;

        var (added, addLines, _) = await EngramAsync(api, "memories", "add-files", memory, fileId);
        Assert.Equal(0, added);
        Assert.StartsWith("Added 1 file(s) to memory", addLines[0]);
        var (_, samples, _) = await EngramAsync(api, "memories", "samples", memory);
        Assert.Contains(samples, l => l.Contains(fileId) && l.Contains("pending"));

        // Output to a StringWriter is not a terminal: progress comes as plain lines, never \r.
        var (exit, lines, _) = await EngramAsync(api, "memories", "ingest", memory, "--wait");
        Assert.Equal(0, exit);
        Assert.StartsWith("Ingestion started: 1 sample(s), about ", lines[0]);
        Assert.Contains("ingesting: 1/1 samples", lines);
        Assert.DoesNotContain(lines, l => l.Contains('\r'));
        Assert.Equal($"Memory {memory}: success (1 samples, ", lines[^1][..$"Memory {memory}: success (1 samples, ".Length]);

        var (asked, answer, _) = await EngramAsync(api, "ask", memory, "Where is the greenhouse key?", "--top-k", "2");
        Assert.Equal(0, asked);
        Assert.Matches(@"^\[[01]\.\d{3}\] .*greenhouse key", answer[0]);
        Assert.Contains(answer, l => l.StartsWith("source: garden.txt (", StringComparison.Ordinal));

        var (_, json, _) = await EngramAsync(api, "ask", memory, "Where is the greenhouse key?", "--top-k", "2", "--json");
        var raw = await api.GetAsync($"/memory?memoryID={memory}&query={Uri.EscapeDataString("Where is the greenhouse key?")}&top_k=2");
        Assert.True(JsonElement.DeepEquals(raw.Json, Json(Assert.Single(json))));
    }

    [Fact]
    public async Task Ingest_without_wait_prints_the_start_and_json_is_the_apis_data()
    {
        var api = await server.NewAccountAsync();
        var memory = Json((await EngramAsync(api, "memories", "create", "M", "--type", "vector", "--json")).Lines[0]).GetProperty("id").GetString()!;
        var (exit, lines, _) = await EngramAsync(api, "memories", "ingest", memory, "--json");
        Assert.Equal(0, exit);
        var started = Json(Assert.Single(lines));
        Assert.Equal(["tokenMetrics", "sampleCount"], Shapes.Names(started));
        Assert.Equal(0, started.GetProperty("sampleCount").GetInt32());
        var (_, _, error) = await EngramAsync(api, "ask", "no-such-memory", "hello");
        Assert.Equal("engram: Memory not found (404 not_found)", error.TrimEnd());
    }

    [Theory]
    [InlineData("files", "frob")]
    [InlineData("files", "upload")]
    [InlineData("files", "get", "a", "--all")]
    [InlineData("files", "list", "--limit", "ten")]
    [InlineData("memories", "create", "no-type")]
    [InlineData("memories", "create", "x", "--type", "vector", "--chunk-size", "big")]
    [InlineData("memories", "add-files", "only-a-memory")]
    [InlineData("memories", "delete-file", "m")]
    [InlineData("memories", "ingest", "m", "--all")]
    [InlineData("memories", "samples")]
    [InlineData("ask", "m")]
    [InlineData("ask", "m", "q", "--top-k", "five")]
    [InlineData("ask", "m", "q", "extra")]
    public async Task Usage_mistakes_are_caught_before_any_request(params string[] args)
    {
        var api = server.Anonymous("ek_never_sent");
        await Assert.ThrowsAsync<UsageException>(() => EngramAsync(api, args));
    }
}
