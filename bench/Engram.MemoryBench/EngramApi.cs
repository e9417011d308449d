using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Engram.MemoryBench;

/// The calls a client makes, through HTTP: the same path duohub-py takes (upload, files/create,
/// memories/create, add-files, start-ingestion), then GET /memory.
internal sealed class EngramApi(HttpClient http)
{
    // The signed PUT carries no API key, as a browser or duohub-py sends it.
    private static readonly HttpClient Unkeyed = new();

    public async Task<string> UploadDocumentAsync(string fileName, string text)
    {
        var upload = await SendAsync(HttpMethod.Post, "files/upload", new JsonObject { ["fileName"] = fileName });
        var url = new Uri((string)upload["data"]!["uploadUrl"]!);
        using (var answer = await Unkeyed.PutAsync(url, new StringContent(text, Encoding.UTF8, "text/plain")))
        {
            await EnsureAsync(answer, "PUT upload");
        }
        var file = await SendAsync(HttpMethod.Post, "files/create", new JsonObject { ["name"] = fileName, ["key"] = (string)upload["data"]!["key"]! });
        return (string)file["data"]!["id"]!;
    }

    public async Task<string> CreateMemoryAsync(string name, string memoryType = "vector")
    {
        var body = new JsonObject { ["name"] = name, ["memoryType"] = memoryType };
        if (memoryType == "graph")
        {
            body["ontology"] = "essays"; // graph memory requires one
        }
        var memory = await SendAsync(HttpMethod.Post, "memories/create", body);
        return (string)memory["data"]!["id"]!;
    }

    public Task AddFilesAsync(string memoryId, IEnumerable<string> fileIds) =>
        SendAsync(HttpMethod.Post, "memories/add-files",
            new JsonObject { ["memoryID"] = memoryId, ["files"] = new JsonArray([.. fileIds.Select(id => JsonValue.Create(id))]) });

    public Task StartIngestionAsync(string memoryId) =>
        SendAsync(HttpMethod.Post, "memories/start-ingestion", new JsonObject { ["memoryID"] = memoryId });

    public async Task<(string Status, long Chunks)> MemoryStatusAsync(string memoryId)
    {
        var memory = await SendAsync(HttpMethod.Get, $"memories/get/{Uri.EscapeDataString(memoryId)}", null);
        return ((string)memory["data"]!["status"]!, (long)memory["data"]!["chunkCount"]!);
    }

    /// GET /memory; fails the run unless the answer is 200 with a payload.
    public async Task QueryAsync(string memoryId, string query) => await QueryTextAsync(memoryId, query);

    /// GET /memory's body, after the same checks.
    public async Task<string> QueryTextAsync(string memoryId, string query)
    {
        using var answer = await http.GetAsync(new Uri($"memory?memoryID={Uri.EscapeDataString(memoryId)}&query={Uri.EscapeDataString(query)}",
            UriKind.Relative));
        await EnsureAsync(answer, "GET /memory");
        var body = await answer.Content.ReadAsStringAsync();
        if (JsonNode.Parse(body)?["payload"] is not JsonArray { Count: > 0 })
        {
            throw new InvalidOperationException($"GET /memory answered no payload for '{query}' on memory {memoryId}: {body}");
        }
        return body;
    }

    public async Task HealthAsync()
    {
        using var answer = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        await EnsureAsync(answer, "GET /healthz");
    }

    private async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var answer = await http.SendAsync(request);
        await EnsureAsync(answer, $"{method} /{path}");
        return await answer.Content.ReadFromJsonAsync<JsonObject>() ?? throw new InvalidOperationException($"{path}: empty answer");
    }

    private static async Task EnsureAsync(HttpResponseMessage answer, string what)
    {
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{what}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }
    }
}
