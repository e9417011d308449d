using System.Net.Http.Headers;
using System.Text;

namespace Engram.Tests;

/// §1 of the contract: the envelopes, routes and bodies; the same on every backend (the key: KeyRulesTests).
public abstract class RequestRulesTests(EngramServer server)
{
    [Fact]
    public async Task An_unknown_route_is_404_not_found()
    {
        var api = await server.NewAccountAsync();
        (await api.GetAsync("/memories/unknown")).AssertError(HttpStatusCode.NotFound, "Not found", "not_found");
        (await api.GetAsync("/sessions/get")).AssertError(HttpStatusCode.NotFound, "Not found", "not_found");
        (await api.GetAsync("/sessions/get/a/b")).AssertError(HttpStatusCode.NotFound, "Not found", "not_found");
    }

    [Theory]
    [InlineData("POST", "/sessions/list")]
    [InlineData("GET", "/sessions/create")]
    [InlineData("PUT", "/sessions/get/x")]
    [InlineData("GET", "/sessions/delete/x")]
    [InlineData("GET", "/sessions/end/x")]
    [InlineData("DELETE", "/messages/list")]
    [InlineData("PATCH", "/users/create/")]
    public async Task A_known_path_with_the_wrong_method_is_405(string method, string path)
    {
        var api = await server.NewAccountAsync();
        var response = await api.SendAsync(new HttpMethod(method), path);
        response.AssertError(HttpStatusCode.MethodNotAllowed, "Method not allowed", "method_not_allowed");
    }

    [Fact]
    public async Task A_trailing_slash_is_the_same_route()
    {
        var api = await server.NewAccountAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/sessions/create/", """{"id":"slash"}""")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/sessions/get/slash/")).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/sessions/list/?limit=1")).Status);
    }

    [Theory]
    [InlineData("POST", "/sessions/create", "{not json")]
    [InlineData("POST", "/sessions/create", "{\"id\":\"a\",}")]
    [InlineData("POST", "/sessions/create", "nul")]
    [InlineData("POST", "/messages/create", "[1,2")]
    [InlineData("POST", "/users/create", "{'firstName':'x'}")]
    [InlineData("GET", "/sessions/list", "{not json")]
    [InlineData("DELETE", "/sessions/delete/x", "}")]
    [InlineData("POST", "/sessions/end/x", "{")]
    [InlineData("GET", "/healthz", "nope")]
    [InlineData("GET", "/readyz", "{")]
    [InlineData("GET", "/openapi.json", "[")]
    [InlineData("GET", "/users/list", "{\"id\":\"a\"\u00ff}")]
    public async Task A_body_that_is_not_json_is_400_on_any_endpoint(string method, string path, string body)
    {
        var api = await server.NewAccountAsync();
        var response = await api.SendAsync(new HttpMethod(method), path, body, contentType: "text/plain");
        response.AssertBadRequest("Invalid JSON in request body");
    }

    [Fact]
    public async Task Duplicate_property_names_are_invalid_json()
    {
        var api = await server.NewAccountAsync();
        var response = await api.PostAsync("/sessions/create", """{"id":"a","id":"b"}""");
        response.AssertBadRequest("Invalid JSON in request body");
        (await api.GetAsync("/sessions/get/a")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/octet-stream")]
    public async Task A_json_body_is_accepted_whatever_the_content_type(string contentType)
    {
        var api = await server.NewAccountAsync();
        var response = await api.SendAsync(HttpMethod.Post, "/sessions/create", """{"customerUserID":"c"}""", contentType);
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal("c", response.Data.GetProperty("customerUserID").GetString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n")]
    public async Task An_empty_body_on_a_create_means_an_empty_object(string body)
    {
        var api = await server.NewAccountAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsync("/sessions/create", body)).Status);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public async Task A_create_body_that_is_json_but_not_an_object_is_400(string body)
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/sessions/create", body)).AssertBadRequest("Request body must be a JSON object");
        Assert.Equal(0, (await api.GetAsync("/sessions/list")).Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_body_over_one_mebibyte_is_413_and_writes_nothing()
    {
        var api = await server.NewAccountAsync();
        var padding = new string(' ', 1024 * 1024);
        // The 413 comes from Content-Length alone, and the connection closes after it; a client
        // still writing the body then fails with a broken pipe before it reads the answer (seen
        // once in CI). Expect: 100-continue has the client wait for the answer before the body.
        var response = await api.SendAsync(HttpMethod.Post, "/sessions/create", """{"id":"big"}""" + padding,
            configure: request => request.Headers.ExpectContinue = true);
        response.AssertError(HttpStatusCode.RequestEntityTooLarge, "Request body too large", "payload_too_large");
        (await api.GetAsync("/sessions/get/big")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Fact]
    public async Task A_body_of_exactly_one_mebibyte_is_accepted()
    {
        var api = await server.NewAccountAsync();
        var json = """{"id":"edge"}""";
        var response = await api.PostAsync("/sessions/create", json + new string(' ', 1024 * 1024 - json.Length));
        Assert.Equal(HttpStatusCode.Created, response.Status);
    }

    [Fact]
    public async Task Unknown_fields_and_unknown_query_parameters_are_ignored()
    {
        var api = await server.NewAccountAsync();
        var created = await api.PostAsync("/sessions/create", """{"id":"u1","colour":"blue","nested":{"a":[1,2]}}""");
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var listed = await api.GetAsync("/sessions/list?foo=bar&limit=5&sort=asc");
        Assert.Equal(HttpStatusCode.OK, listed.Status);
        Assert.Equal(1, listed.Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Every_answer_names_its_request_id()
    {
        var api = await server.NewAccountAsync();
        var response = await api.GetAsync("/sessions/list");
        Assert.False(string.IsNullOrEmpty(response.Message.Headers.GetValues("X-Request-Id").Single()));
    }

    [Fact]
    public async Task Random_bodies_never_cause_a_500_and_always_answer_in_the_envelope()
    {
        var api = await server.NewAccountAsync();
        var random = new Random(1234);
        string[] fragments = ["{", "}", "[", "]", "\"id\"", ":", ",", "null", "true", "1e999", "-0", "\"\\u0000\"",
            "\"metadata\"", "\"customerUserID\"", "\"sessionID\"", "\"role\"", "\"content\"", "\"\u00e9\"", "\"\\ud800\"", " "];
        string[] paths = ["/sessions/create", "/messages/create", "/users/create"];
        for (var i = 0; i < 300; i++)
        {
            var body = new StringBuilder();
            for (var n = random.Next(1, 12); n > 0; n--)
            {
                body.Append(fragments[random.Next(fragments.Length)]);
            }
            var response = await api.PostAsync(paths[i % paths.Length], body.ToString());
            Assert.True((int)response.Status is 201 or 400 or 404 or 409, $"{response.Status} for {body}");
            if (response.Status != HttpStatusCode.Created)
            {
                Assert.Equal(["error", "status"], response.Json.EnumerateObject().Select(p => p.Name).ToArray());
            }
        }
    }

    public static TheoryData<string, string, string> UnstorableText()
    {
        // Text no database can hold faithfully: NUL (PostgreSQL refuses it) and unpaired UTF-16 surrogates.
        var data = new TheoryData<string, string, string>();
        foreach (var bad in new[] { "a\\u0000b", "\\ud800", "x\\udc00y", "\\ud83d" })
        {
            data.Add("/messages/create", $$"""{"sessionID":"s","role":"user","content":"{{bad}}"}""", "content");
            data.Add("/messages/create", $$"""{"sessionID":"s","role":"user","content":"ok","customerUserID":"{{bad}}"}""", "customerUserID");
            data.Add("/sessions/create", $$"""{"customerUserID":"{{bad}}"}""", "customerUserID");
            data.Add("/sessions/create", $$"""{"metadata":[{"key":"{{bad}}","value":"v"}]}""", "metadata");
            data.Add("/sessions/create", $$"""{"metadata":[{"key":"k","value":"{{bad}}"}]}""", "metadata");
            data.Add("/users/create", $$"""{"firstName":"{{bad}}","lastName":"L"}""", "firstName");
            data.Add("/users/create", $$"""{"firstName":"F","lastName":"{{bad}}"}""", "lastName");
            data.Add("/users/create", $$"""{"firstName":"F","lastName":"L","email":"a{{bad}}@b.c"}""", "email");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(UnstorableText))]
    public async Task Text_with_nul_or_unpaired_surrogates_is_400_naming_the_field_and_writes_nothing(string path, string body, string field)
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "s" });
        var response = await api.PostAsync(path, body);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(field + " ", response.Json.GetProperty("error").GetString());
        Assert.Equal(1, (await api.GetAsync("/sessions/list")).Data.GetProperty("count").GetInt32());
        Assert.Equal(0, (await api.GetAsync("/messages/list")).Data.GetProperty("totalCount").GetInt64());
        Assert.Equal(0, (await api.GetAsync("/users/list")).Data.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("/sessions/list?customerUserID=a%00b", "customerUserID")]
    [InlineData("/messages/list?customerUserID=%00", "customerUserID")]
    [InlineData("/messages/list?sessionID=a%00", "sessionID")]
    public async Task A_filter_with_nul_is_400_naming_it(string path, string field)
    {
        var api = await server.NewAccountAsync();
        var response = await api.GetAsync(path);
        response.AssertBadRequest($"{field} must be valid text without NUL characters");
    }

    [Fact]
    public async Task A_body_that_is_not_utf8_is_invalid_json_and_a_byte_order_mark_is_allowed()
    {
        var api = await server.NewAccountAsync();
        byte[] notUtf8 = [.. "{\"id\":\"inv"u8, 0xFF, .. "\"}"u8];
        (await api.SendAsync(HttpMethod.Post, "/sessions/create", configure: r => r.Content = new ByteArrayContent(notUtf8)))
            .AssertBadRequest("Invalid JSON in request body");
        byte[] unknownField = [.. "{\"other\":\""u8, 0xC3, 0x28, .. "\"}"u8];
        (await api.SendAsync(HttpMethod.Post, "/sessions/create", configure: r => r.Content = new ByteArrayContent(unknownField)))
            .AssertBadRequest("Invalid JSON in request body");
        byte[] withBom = [0xEF, 0xBB, 0xBF, .. "{\"id\":\"bom1\"}"u8];
        var created = await api.SendAsync(HttpMethod.Post, "/sessions/create", configure: r => r.Content = new ByteArrayContent(withBom));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("bom1", created.Data.GetProperty("id").GetString());
        Assert.Equal(1, (await api.GetAsync("/sessions/list")).Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Query_names_are_exact_and_of_repeated_values_the_last_counts()
    {
        var api = await server.NewAccountAsync();
        for (var i = 0; i < 8; i++)
        {
            await api.CreateSessionAsync(new { customerUserID = i % 2 == 0 ? "even" : "odd" });
        }
        Assert.Equal(8, (await api.GetAsync("/sessions/list?LIMIT=0")).Data.GetProperty("count").GetInt32());
        Assert.Equal(8, (await api.GetAsync("/sessions/list?CustomerUserId=odd")).Data.GetProperty("count").GetInt32());
        Assert.Equal(6, (await api.GetAsync("/sessions/list?limit=2&limit=6")).Data.GetProperty("count").GetInt32());
        (await api.GetAsync("/sessions/list?limit=6&limit=0")).AssertBadRequest("Limit must be between 1 and 100");
        Assert.Equal(4, (await api.GetAsync("/sessions/list?customerUserID=even&customerUserID=odd")).Data.GetProperty("count").GetInt32());
    }
}
