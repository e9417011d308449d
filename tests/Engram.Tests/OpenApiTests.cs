using Microsoft.OpenApi;

namespace Engram.Tests;

/// GET /openapi.json: public, a valid OpenAPI 3.1 document with duohub's names, and true to
/// what the live server answers.
public abstract class OpenApiTests(EngramServer server)
{
    private static readonly (string Method, string Path, string OperationId)[] ContractOperations =
    [
        ("post", "/sessions/create", "createSession"), ("get", "/sessions/get/{id}", "getSession"),
        ("get", "/sessions/list", "listSessions"), ("delete", "/sessions/delete/{id}", "deleteSession"),
        ("post", "/sessions/end/{id}", "endSession"),
        ("post", "/messages/create", "createMessage"), ("get", "/messages/get/{id}", "getMessage"),
        ("get", "/messages/list", "listMessages"), ("delete", "/messages/delete/{id}", "deleteMessage"),
        ("post", "/users/create", "createUser"), ("get", "/users/get/{id}", "getUser"),
        ("get", "/users/list", "listUsers"), ("delete", "/users/delete/{id}", "deleteUser"),
    ];

    private async Task<(string Raw, JsonElement Json)> DocumentAsync()
    {
        var response = await server.Anonymous().GetAsync("/openapi.json"); // no key needed
        Assert.Equal(HttpStatusCode.OK, response.Status);
        return (response.Raw, response.Json);
    }

    [Fact]
    public async Task The_document_is_public_and_parses_as_OpenAPI_3_1_without_errors()
    {
        var (raw, json) = await DocumentAsync();
        Assert.StartsWith("3.1", json.GetProperty("openapi").GetString());
        var result = OpenApiDocument.Parse(raw, "json");
        Assert.Empty(result.Diagnostic!.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, result.Diagnostic.SpecificationVersion);
        Assert.NotNull(result.Document);
        // The same check does catch a broken document: without `info` it is not OpenAPI.
        Assert.NotEmpty(OpenApiDocument.Parse(raw.Replace("\"info\"", "\"inf0\""), "json").Diagnostic!.Errors);
    }

    [Fact]
    public async Task Every_contract_operation_is_there_with_duohubs_operationId_and_the_key_it_needs()
    {
        var (_, json) = await DocumentAsync();
        var paths = json.GetProperty("paths");
        var scheme = json.GetProperty("components").GetProperty("securitySchemes").GetProperty("APIKeyHeader");
        Assert.Equal(["apiKey", "header", "X-API-Key"], new[] { "type", "in", "name" }.Select(p => scheme.GetProperty(p).GetString()));
        foreach (var (method, path, operationId) in ContractOperations)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is missing");
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.Equal("APIKeyHeader", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            var responses = operation.GetProperty("responses");
            foreach (var status in new[] { "400", "401", "403", "500" })
            {
                Assert.Equal("#/components/schemas/ApiError", ErrorSchemaRef(responses, status));
            }
            Assert.True(responses.TryGetProperty(method == "post" && path.EndsWith("/create") ? "201" : "200", out _), $"{method} {path}");
        }
        foreach (var open in new[] { "/healthz", "/readyz" })
        {
            Assert.Equal(0, paths.GetProperty(open).GetProperty("get").GetProperty("security").GetArrayLength());
        }
    }

    [Fact]
    public async Task The_memory_half_is_documented_and_the_upload_put_needs_no_key()
    {
        var (_, json) = await DocumentAsync();
        var paths = json.GetProperty("paths");
        (string Method, string Path, string OperationId, string Success)[] operations =
        [
            ("post", "/files/upload", "getUploadUrl", "200"), ("post", "/files/create", "createFile", "201"),
            ("get", "/files/list", "listFiles", "200"), ("get", "/files/get/{id}", "getFile", "200"),
            ("delete", "/files/delete/{id}", "deleteFile", "200"), ("post", "/memories/create", "createMemory", "201"),
            ("post", "/memories/add-files", "addFilesToMemory", "201"), ("delete", "/memories/delete-file", "deleteFileFromMemory", "200"),
            ("post", "/memories/start-ingestion", "startIngestion", "200"), ("get", "/memories/get/{id}", "getMemory", "200"),
            ("get", "/memories/list", "listMemories", "200"), ("delete", "/memories/delete/{id}", "deleteMemory", "200"),
            ("get", "/memories/samples", "listSamples", "200"), ("get", "/memory", "queryMemory", "200"),
            ("get", "/memories/entities", "listEntities", "200"), ("get", "/memories/facts", "listFacts", "200"),
        ];
        foreach (var (method, path, operationId, success) in operations)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is missing");
            var operation = item.GetProperty(method);
            Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
            Assert.Equal("APIKeyHeader", operation.GetProperty("security")[0].EnumerateObject().Single().Name);
            Assert.True(operation.GetProperty("responses").TryGetProperty(success, out _), $"{method} {path} {success}");
        }
        var query = paths.GetProperty("/memory").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .ToDictionary(p => p.GetProperty("name").GetString()!, p => p.TryGetProperty("required", out var r) && r.GetBoolean());
        Assert.Equal(["memoryID", "query", "top_k", "facts", "assisted"], query.Keys);
        Assert.True(query["memoryID"] && query["query"] && !query["top_k"]);
        var put = paths.EnumerateObject().Single(p => p.Name.StartsWith("/files/upload/", StringComparison.Ordinal)).Value.GetProperty("put");
        Assert.Equal(0, put.GetProperty("security").GetArrayLength());
        Assert.True(put.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/octet-stream", out _));
        foreach (var status in new[] { "403", "409", "413" })
        {
            Assert.True(put.GetProperty("responses").TryGetProperty(status, out _), status);
        }
        Assert.False(put.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Theory]
    [InlineData("/sessions/list", "customerUserID")]
    [InlineData("/messages/list", "sessionID,customerUserID,role")]
    [InlineData("/users/list", "")]
    public async Task List_parameters_are_declared_with_their_bounds(string path, string filters)
    {
        var (_, json) = await DocumentAsync();
        var parameters = json.GetProperty("paths").GetProperty(path).GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!);
        string[] expected = [.. filters.Split(',', StringSplitOptions.RemoveEmptyEntries), "limit", "nextToken", "previousToken"];
        Assert.Equal(expected.Order(), parameters.Keys.Order());
        Assert.All(parameters.Values, p => Assert.Equal("query", p.GetProperty("in").GetString()));
        var limit = parameters["limit"].GetProperty("schema");
        Assert.Equal("integer", limit.GetProperty("type").GetString());
        Assert.Equal(1, limit.GetProperty("minimum").GetInt32());
        Assert.Equal(100, limit.GetProperty("maximum").GetInt32());
        Assert.Equal(10, limit.GetProperty("default").GetInt32());
        if (parameters.TryGetValue("role", out var role))
        {
            Assert.Equal(["norole", "system", "assistant", "user", "function", "tool"],
                role.GetProperty("schema").GetProperty("enum").EnumerateArray().Select(v => v.GetString()));
        }
    }

    [Theory]
    [InlineData("/sessions/create", "", "id,sessionID,customerUserID,metadata")]
    [InlineData("/messages/create", "content,role,sessionID", "content,role,sessionID,customerUserID,id,createdAt")]
    [InlineData("/users/create", "firstName,lastName", "firstName,lastName,email,phone,id")]
    public async Task Create_bodies_are_declared_with_their_fields(string path, string required, string properties)
    {
        var (_, json) = await DocumentAsync();
        var schema = json.GetProperty("paths").GetProperty(path).GetProperty("post").GetProperty("requestBody")
            .GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(properties.Split(','), Shapes.Names(schema.GetProperty("properties")));
        Assert.Equal(required.Split(',', StringSplitOptions.RemoveEmptyEntries),
            schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(v => v.GetString()!) : []);
    }

    [Fact]
    public async Task Live_answers_have_exactly_the_properties_the_schemas_declare()
    {
        var (_, json) = await DocumentAsync();
        var api = await server.NewAccountAsync();
        var paths = json.GetProperty("paths");
        var session = await api.PostAsync("/sessions/create", """{"metadata":[{"key":"k","value":"v"}]}""");
        var id = session.Data.GetProperty("id").GetString()!;
        var message = await api.PostAsync("/messages/create", $$"""{"sessionID":"{{id}}","role":"user","content":"hi"}""");
        var user = await api.PostAsync("/users/create", """{"firstName":"Ada","lastName":"Lovelace"}""");
        (JsonElement Operation, ApiResponse Answer, string Status)[] checks =
        [
            (paths.GetProperty("/sessions/create").GetProperty("post"), session, "201"),
            (paths.GetProperty("/messages/create").GetProperty("post"), message, "201"),
            (paths.GetProperty("/users/create").GetProperty("post"), user, "201"),
            (paths.GetProperty("/sessions/list").GetProperty("get"), await api.GetAsync("/sessions/list"), "200"),
            (paths.GetProperty("/messages/list").GetProperty("get"), await api.GetAsync("/messages/list"), "200"),
            (paths.GetProperty("/users/list").GetProperty("get"), await api.GetAsync("/users/list"), "200"),
            (paths.GetProperty("/sessions/end/{id}").GetProperty("post"), await api.PostAsync($"/sessions/end/{id}"), "200"),
            (paths.GetProperty("/sessions/delete/{id}").GetProperty("delete"), await api.DeleteAsync($"/sessions/delete/{id}"), "200"),
            (paths.GetProperty("/sessions/get/{id}").GetProperty("get"), await api.GetAsync($"/sessions/get/{id}"), "404"),
            (paths.GetProperty("/users/list").GetProperty("get"), await api.GetAsync("/users/list?limit=0"), "400"),
        ];
        foreach (var (operation, answer, status) in checks)
        {
            Assert.Equal(status, ((int)answer.Status).ToString());
            var schema = operation.GetProperty("responses").GetProperty(status).GetProperty("content")
                .GetProperty("application/json").GetProperty("schema");
            AssertMatches(json, schema, answer.Json, $"{status} {operation.GetProperty("operationId").GetString()}");
        }
    }

    /// The live value's properties are exactly the schema's, all of them required, recursively;
    /// a null is allowed only where the schema's type admits null.
    private static void AssertMatches(JsonElement document, JsonElement schema, JsonElement value, string where)
    {
        schema = Resolve(document, schema);
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = schema.GetProperty("properties");
                Assert.Equal(Shapes.Names(properties).Order(), Shapes.Names(value).Order());
                Assert.Equal(Shapes.Names(properties).Order(), schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()).Order());
                foreach (var property in value.EnumerateObject())
                {
                    AssertMatches(document, properties.GetProperty(property.Name), property.Value, $"{where}.{property.Name}");
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                {
                    AssertMatches(document, schema.GetProperty("items"), item, $"{where}[]");
                }
                break;
            case JsonValueKind.Null:
                Assert.True(schema.GetProperty("type").ValueKind == JsonValueKind.Array
                    && schema.GetProperty("type").EnumerateArray().Any(t => t.GetString() == "null"), $"{where} may not be null");
                break;
            default:
                var type = schema.GetProperty("type");
                var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()).ToArray() : [type.GetString()];
                var expected = value.ValueKind == JsonValueKind.String ? "string" : value.ValueKind == JsonValueKind.Number ? "integer" : "boolean";
                Assert.True(types.Contains(expected), $"{where}: {expected} is not in [{string.Join(", ", types)}]");
                break;
        }
    }

    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : schema;

    private static string? ErrorSchemaRef(JsonElement responses, string status) =>
        responses.TryGetProperty(status, out var response)
            ? response.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()
            : null;
}
