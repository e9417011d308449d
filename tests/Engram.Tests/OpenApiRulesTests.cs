using System.Text.RegularExpressions;

namespace Engram.Tests;

/// GET /openapi.json under the rules CI lints it with (redocly.yaml, issue #18): public
/// operations say `security: []`, 405 and 429 are documented where they can happen, every tag is
/// described, a license, `servers` from Engram:PublicUrl and never the Host header, camelCase
/// operation ids. The document does not depend on the backend, so this runs on SQLite.
public sealed partial class OpenApiRulesTests(SqliteServer sqlite)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    private static async Task<JsonElement> DocumentAsync(Uri baseAddress, string? host = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(baseAddress, "/openapi.json"));
        if (host is not null)
        {
            request.Headers.Host = host;
        }
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private async Task<JsonElement> DocumentAsync()
    {
        _ = await sqlite.NewAccountAsync(); // skips when not configured
        return await DocumentAsync(sqlite.BaseAddress);
    }

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(item => Methods.Contains(item.Name)).Select(item => (path.Name, item.Name, item.Value)));

    private static bool IsPublic(string path, string method) =>
        path is "/healthz" or "/readyz" || (method == "put" && path.StartsWith("/files/upload/", StringComparison.Ordinal));

    [Fact]
    public async Task Public_operations_say_security_empty_and_every_other_one_needs_the_key()
    {
        var document = await DocumentAsync();
        var operations = Operations(document).ToList();
        Assert.Contains(operations, o => o.Path == "/files/upload/{key}" && o.Method == "put");
        foreach (var (path, method, operation) in operations)
        {
            var security = operation.GetProperty("security");
            if (IsPublic(path, method))
            {
                Assert.True(security.GetArrayLength() == 0, $"{method} {path} is public: security must be []");
            }
            else
            {
                Assert.Equal("APIKeyHeader", security.EnumerateArray().Single().EnumerateObject().Single().Name);
            }
        }
    }

    [Fact]
    public async Task Every_operation_documents_405_and_every_keyed_one_429_with_Retry_After()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var responses = operation.GetProperty("responses");
            Assert.True(responses.TryGetProperty("405", out var notAllowed), $"{method} {path}: no 405");
            Assert.Equal("#/components/schemas/ApiError", notAllowed.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString());
            // The rate limit counts per key: a request without one never meets it.
            Assert.Equal(!IsPublic(path, method), responses.TryGetProperty("429", out var limited));
            if (!IsPublic(path, method))
            {
                Assert.True(limited.GetProperty("headers").TryGetProperty("Retry-After", out _), $"{method} {path}: 429 without Retry-After");
            }
        }
    }

    [Fact]
    public async Task Every_tag_an_operation_uses_is_listed_with_a_description()
    {
        var document = await DocumentAsync();
        var described = document.GetProperty("tags").EnumerateArray()
            .ToDictionary(t => t.GetProperty("name").GetString()!, t => t.TryGetProperty("description", out var d) ? d.GetString() : null);
        var used = Operations(document).SelectMany(o => o.Operation.GetProperty("tags").EnumerateArray().Select(t => t.GetString()!)).ToHashSet();
        Assert.Contains("Operations", used);
        Assert.All(used, tag => Assert.False(string.IsNullOrWhiteSpace(described.GetValueOrDefault(tag)), $"tag {tag} has no description"));
    }

    [Fact]
    public async Task The_license_is_MIT_and_operation_ids_are_unique_camelCase()
    {
        var document = await DocumentAsync();
        var license = document.GetProperty("info").GetProperty("license");
        Assert.Equal("MIT", license.GetProperty("name").GetString());
        Assert.Equal("MIT", license.GetProperty("identifier").GetString());
        var ids = Operations(document).Select(o => o.Operation.GetProperty("operationId").GetString()!).ToList();
        Assert.Contains("healthz", ids);
        Assert.Contains("readyz", ids);
        Assert.All(ids, id => Assert.Matches(CamelCase(), id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task Every_path_parameter_in_a_path_is_declared()
    {
        var document = await DocumentAsync();
        foreach (var (path, method, operation) in Operations(document))
        {
            var declared = operation.TryGetProperty("parameters", out var parameters)
                ? parameters.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()).ToList()
                : [];
            foreach (Match name in Regex.Matches(path, @"\{([^}]+)\}"))
            {
                Assert.True(declared.Contains(name.Groups[1].Value), $"{method} {path}: {{{name.Groups[1].Value}}} is not declared");
            }
        }
    }

    [Fact]
    public async Task Servers_is_relative_whatever_the_Host_header_says()
    {
        var document = await DocumentAsync();
        Assert.Equal(["/"], document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()));
        var spoofed = await DocumentAsync(sqlite.BaseAddress, host: "evil.example");
        Assert.Equal(["/"], spoofed.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()));
    }

    [Fact]
    public async Task Servers_is_Engram_PublicUrl_when_set_without_a_trailing_slash()
    {
        var directory = Directory.CreateTempSubdirectory("engram-openapi-");
        var (app, address) = await EngramServer.StartAsync(Path.Combine(directory.FullName, "engram.db"),
            adjust: settings => settings with { PublicUrl = "https://memory.example.com/engram/" });
        try
        {
            var document = await DocumentAsync(address, host: "evil.example");
            Assert.Equal(["https://memory.example.com/engram"], document.GetProperty("servers").EnumerateArray().Select(s => s.GetProperty("url").GetString()));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            directory.Delete(recursive: true);
        }
    }

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();
}
