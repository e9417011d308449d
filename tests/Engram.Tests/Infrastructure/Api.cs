using System.Text;

namespace Engram.Tests.Infrastructure;

/// A thin HTTP client for one account: raw requests in, status and parsed JSON out.
public sealed class Api(HttpClient http, Uri baseAddress, string? key, string account)
{
    public string Account { get; } = account;
    public string? Key { get; } = key;

    public Task<ApiResponse> GetAsync(string path) => SendAsync(HttpMethod.Get, path);
    public Task<ApiResponse> DeleteAsync(string path) => SendAsync(HttpMethod.Delete, path);
    public Task<ApiResponse> PostAsync(string path, string? body = null) => SendAsync(HttpMethod.Post, path, body);

    public async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null,
        string contentType = "application/json", Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(baseAddress.ToString().TrimEnd('/') + path));
        if (Key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-API-Key", Key);
        }
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        configure?.Invoke(request);
        using var response = await http.SendAsync(request);
        var raw = await response.Content.ReadAsStringAsync();
        return new ApiResponse(response.StatusCode, raw, response);
    }

    public static string Json(object value) => JsonSerializer.Serialize(value);

    // Shorthands for the calls most tests make.
    public async Task<JsonElement> CreateSessionAsync(object? body = null)
    {
        var response = await PostAsync("/sessions/create", body is null ? null : Json(body));
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Data;
    }

    public async Task<JsonElement> CreateMessageAsync(string sessionId, string content, string role = "user", object? extra = null)
    {
        var body = new Dictionary<string, object?> { ["sessionID"] = sessionId, ["content"] = content, ["role"] = role };
        if (extra is not null)
        {
            foreach (var property in JsonSerializer.SerializeToElement(extra).EnumerateObject())
            {
                body[property.Name] = property.Value;
            }
        }
        var response = await PostAsync("/messages/create", Json(body));
        Assert.Equal(HttpStatusCode.Created, response.Status);
        return response.Data;
    }
}

public sealed class ApiResponse(HttpStatusCode status, string raw, HttpResponseMessage message)
{
    private JsonElement? _json;

    public HttpStatusCode Status { get; } = status;
    public string Raw { get; } = raw;
    public HttpResponseMessage Message { get; } = message;
    public JsonElement Json => _json ??= JsonDocument.Parse(Raw).RootElement.Clone();
    public JsonElement Data => Json.GetProperty("data");

    /// The exact error body the contract names, and its status.
    public void AssertError(HttpStatusCode status, string error, string code)
    {
        Assert.Equal(status, Status);
        var properties = Json.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}").ToArray();
        Assert.Equal([$"error={error}", $"status={code}"], properties);
    }

    public void AssertBadRequest(string error) => AssertError(HttpStatusCode.BadRequest, error, "bad_request");
}
