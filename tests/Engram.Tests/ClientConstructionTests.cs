using Engram.Client;

namespace Engram.Tests;

/// The environment is the whole process's: tests that set ENGRAM_API_KEY or ENGRAM_URL run alone,
/// after the parallel ones, so no CLI test or child process sees their values.
[CollectionDefinition(nameof(EnvironmentChangingTests), DisableParallelization = true)]
public sealed class EnvironmentChangingTests;

/// The short constructors (issue #18): a key, a key and a URL, or nothing but the environment,
/// each making a real call to the server; and a clear error naming the variable when one is missing.
[Collection(nameof(EnvironmentChangingTests))]
public sealed class ClientConstructionTests(SqliteServer server) : IDisposable
{
    private readonly string? _savedKey = Environment.GetEnvironmentVariable("ENGRAM_API_KEY");
    private readonly string? _savedUrl = Environment.GetEnvironmentVariable("ENGRAM_URL");

    [Fact]
    public async Task A_key_and_a_URL_make_a_working_client_and_the_URL_wins_over_ENGRAM_URL()
    {
        var api = await server.NewAccountAsync();
        Environment.SetEnvironmentVariable("ENGRAM_URL", "http://127.0.0.1:9"); // the discard port: nothing answers there
        var client = new EngramClient(api.Key!, server.BaseAddress.ToString());
        var session = await client.Sessions.CreateAsync();
        Assert.Equal(api.Account, session.UserId);
    }

    [Fact]
    public async Task A_key_alone_takes_the_server_from_ENGRAM_URL()
    {
        var api = await server.NewAccountAsync();
        Environment.SetEnvironmentVariable("ENGRAM_URL", server.BaseAddress.ToString());
        var session = await new EngramClient(api.Key!).Sessions.CreateAsync();
        Assert.Equal(api.Account, session.UserId);
    }

    [Fact]
    public async Task No_arguments_take_the_key_from_ENGRAM_API_KEY_and_the_server_from_ENGRAM_URL()
    {
        var api = await server.NewAccountAsync();
        Environment.SetEnvironmentVariable("ENGRAM_API_KEY", api.Key);
        Environment.SetEnvironmentVariable("ENGRAM_URL", server.BaseAddress.ToString());
        var session = await new EngramClient().Sessions.CreateAsync();
        Assert.Equal(api.Account, session.UserId);
    }

    [Fact]
    public void Without_ENGRAM_URL_the_server_is_the_local_default_port()
    {
        Environment.SetEnvironmentVariable("ENGRAM_URL", null);
        Assert.Equal(new Uri("http://localhost:5080"), ClientEnvironment.BaseAddress(null));
        Environment.SetEnvironmentVariable("ENGRAM_URL", " ");
        Assert.Equal(new Uri("http://localhost:5080"), ClientEnvironment.BaseAddress(null)); // blank counts as unset
        Assert.Equal(new Uri("https://api.duohub.ai"), ClientEnvironment.BaseAddress("https://api.duohub.ai"));
    }

    [Fact]
    public void A_missing_key_or_a_bad_URL_fails_at_construction_naming_what_to_fix()
    {
        Environment.SetEnvironmentVariable("ENGRAM_API_KEY", null);
        var noKey = Assert.Throws<InvalidOperationException>(() => new EngramClient());
        Assert.StartsWith("ENGRAM_API_KEY is not set", noKey.Message);

        Assert.Equal("apiKey", Assert.Throws<ArgumentException>(() => new EngramClient("")).ParamName);
        Assert.Equal("apiKey", Assert.Throws<ArgumentNullException>(() => new EngramClient(null!)).ParamName);

        var badArgument = Assert.Throws<ArgumentException>(() => new EngramClient("ek_x", "localhost:5080"));
        Assert.Equal("baseUrl", badArgument.ParamName);
        Assert.Contains("'localhost:5080'", badArgument.Message);

        Environment.SetEnvironmentVariable("ENGRAM_URL", "ftp://example.com");
        var badVariable = Assert.Throws<InvalidOperationException>(() => new EngramClient("ek_x"));
        Assert.StartsWith("ENGRAM_URL must be an absolute http or https URL", badVariable.Message);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("ENGRAM_API_KEY", _savedKey);
        Environment.SetEnvironmentVariable("ENGRAM_URL", _savedUrl);
    }
}
