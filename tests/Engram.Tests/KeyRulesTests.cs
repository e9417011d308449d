namespace Engram.Tests;

/// §1 of the contract: the API key, decided before anything else, and the public paths that need
/// none; the same on every backend.
public abstract class KeyRulesTests(EngramServer server)
{
    public static TheoryData<string, string> ProtectedRoutes => new()
    {
        { "GET", "/sessions/list" }, { "POST", "/sessions/create" }, { "GET", "/sessions/get/x" },
        { "DELETE", "/sessions/delete/x" }, { "POST", "/sessions/end/x" }, { "GET", "/messages/list" },
        { "POST", "/messages/create" }, { "GET", "/users/list" }, { "POST", "/users/create" }, { "GET", "/no/such/route" },
    };

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task A_request_without_a_key_is_401_before_anything_else(string method, string path)
    {
        var response = await server.Anonymous().SendAsync(new HttpMethod(method), path, "{not json");
        response.AssertError(HttpStatusCode.Unauthorized, "API key is required", "unauthorized");
    }

    [Theory]
    [MemberData(nameof(ProtectedRoutes))]
    public async Task An_unknown_key_is_403_before_anything_else(string method, string path)
    {
        var response = await server.Anonymous("ek_not_a_real_key_0000000000000000000000").SendAsync(new HttpMethod(method), path, "{not json");
        response.AssertError(HttpStatusCode.Forbidden, "Invalid API key", "forbidden");
    }

    [Fact]
    public async Task An_empty_key_header_is_401()
    {
        var response = await server.Anonymous("").GetAsync("/sessions/list");
        response.AssertError(HttpStatusCode.Unauthorized, "API key is required", "unauthorized");
    }

    [Fact]
    public async Task The_key_header_name_is_matched_in_any_letter_case()
    {
        var api = await server.NewAccountAsync();
        var response = await server.Anonymous().SendAsync(HttpMethod.Get, "/sessions/list",
            configure: r => r.Headers.TryAddWithoutValidation("x-API-KEY", api.Key));
        Assert.Equal(HttpStatusCode.OK, response.Status);
    }

    [Fact]
    public async Task Health_and_readiness_need_no_key()
    {
        var health = await server.Anonymous().GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.Status);
        Assert.Equal("""{"status":"ok"}""", health.Raw);
        var ready = await server.Anonymous().GetAsync("/readyz/");
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("""{"status":"ok"}""", ready.Raw);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task A_load_balancers_HEAD_probe_gets_the_status_without_a_body_or_a_key(string path)
    {
        var probe = await server.Anonymous().SendAsync(HttpMethod.Head, path);
        Assert.Equal(HttpStatusCode.OK, probe.Status);
        Assert.Equal("", probe.Raw);
    }

    [Fact]
    public async Task Only_get_on_the_public_paths_skips_the_key_and_their_case_does_not_matter()
    {
        _ = await server.NewAccountAsync();
        (await server.Anonymous().PostAsync("/healthz")).AssertError(HttpStatusCode.Unauthorized, "API key is required", "unauthorized");
        (await server.Anonymous().DeleteAsync("/readyz")).AssertError(HttpStatusCode.Unauthorized, "API key is required", "unauthorized");
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous().GetAsync("/HEALTHZ")).Status);
        Assert.Equal(HttpStatusCode.OK, (await server.Anonymous().GetAsync("/Readyz/")).Status);
    }
}
