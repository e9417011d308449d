using System.Net.Http.Headers;

namespace Engram.Tests.Infrastructure;

/// The memory half's multi-step calls, as duohub-py makes them.
public static class MemoryApi
{
    /// POST /files/upload, PUT the bytes to the signed URL without a key, POST /files/create: the file.
    public static async Task<JsonElement> UploadFileAsync(this Api api, string fileName, byte[] bytes, string? id = null)
    {
        var ticket = await api.PostAsync("/files/upload", Api.Json(new { fileName }));
        Assert.Equal(HttpStatusCode.OK, ticket.Status);
        var put = await PutAsync(ticket.Data.GetProperty("uploadUrl").GetString()!, bytes);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var body = new Dictionary<string, object> { ["name"] = fileName, ["key"] = ticket.Data.GetProperty("key").GetString()! };
        if (id is not null)
        {
            body["id"] = id;
        }
        var created = await api.PostAsync("/files/create", Api.Json(body));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        return created.Data;
    }

    public static async Task<HttpResponseMessage> PutAsync(string uploadUrl, byte[] bytes)
    {
        using var http = new HttpClient();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await http.PutAsync(uploadUrl, content);
    }

    public static async Task<JsonElement> CreateMemoryAsync(this Api api, object? body = null)
    {
        var response = await api.PostAsync("/memories/create", Api.Json(body ?? new { name = "notes", memoryType = "vector" }));
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Data;
    }

    /// A vector memory holding the given text files, ingested; returns the memory's id and the files' ids.
    public static async Task<(string Memory, string[] Files)> IngestedMemoryAsync(this Api api, params (string Name, string Text)[] files)
    {
        var memory = (await api.CreateMemoryAsync()).GetProperty("id").GetString()!;
        var ids = new List<string>();
        foreach (var (name, text) in files)
        {
            ids.Add((await api.UploadFileAsync(name, System.Text.Encoding.UTF8.GetBytes(text))).GetProperty("id").GetString()!);
        }
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/memories/add-files", Api.Json(new { memoryID = memory, files = ids }))).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsync("/memories/start-ingestion", Api.Json(new { memoryID = memory }))).Status);
        Assert.Equal("success", await api.WaitForIngestionAsync(memory));
        return (memory, [.. ids]);
    }

    /// Polls the memory until its status settles (success, failed or empty); no clock is asserted,
    /// the bound only keeps a broken run from hanging.
    public static async Task<string> WaitForIngestionAsync(this Api api, string memoryId)
    {
        for (var i = 0; i < 1200; i++)
        {
            var memory = await api.GetAsync($"/memories/get/{memoryId}");
            Assert.Equal(HttpStatusCode.OK, memory.Status);
            var status = memory.Data.GetProperty("status").GetString()!;
            if (status is "success" or "failed" or "empty")
            {
                return status;
            }
            await Task.Delay(100);
        }
        return "still running";
    }

    public static async Task<JsonElement> QueryAsync(this Api api, string memoryId, string query, int topK = 5, string extra = "")
    {
        var response = await api.GetAsync($"/memory?memoryID={Uri.EscapeDataString(memoryId)}&query={Uri.EscapeDataString(query)}&top_k={topK}{extra}");
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return response.Json;
    }
}
