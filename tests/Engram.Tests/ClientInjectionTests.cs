using Engram.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Engram.Tests;

/// services.AddEngramClient (issue #18): from a delegate or a configuration section, the client
/// resolved from the container makes a real call, and its requests go through the factory's
/// named HttpClient (a handler added on the returned builder sees them).
public sealed class ClientInjectionTests(SqliteServer server)
{
    [Fact]
    public async Task Options_from_a_delegate_give_a_client_that_calls_the_server_through_the_factory()
    {
        var api = await server.NewAccountAsync();
        var counter = new CountingHandler();
        var services = new ServiceCollection();
        services.AddEngramClient(options =>
        {
            options.BaseAddress = server.BaseAddress;
            options.ApiKey = api.Key!;
        }).AddHttpMessageHandler(() => counter);
        await using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<EngramClient>();
        var session = await client.Sessions.CreateAsync();
        Assert.Equal(api.Account, session.UserId);
        Assert.Equal(1, counter.Requests);
        Assert.NotSame(client, provider.GetRequiredService<EngramClient>()); // transient, like the factory's clients
    }

    [Fact]
    public async Task Options_bound_from_a_configuration_section_give_a_working_client()
    {
        var api = await server.NewAccountAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engram:BaseAddress"] = server.BaseAddress.ToString(),
            ["Engram:ApiKey"] = api.Key,
            ["Engram:MaxRetries"] = "5",
            ["Engram:RetryDelay"] = "00:00:00.050",
            ["Engram:IngestionPollInterval"] = "00:00:03",
        }).Build();
        var services = new ServiceCollection();
        services.AddEngramClient(configuration.GetSection("Engram"));
        await using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<EngramClientOptions>>().Value;
        Assert.Equal(server.BaseAddress, options.BaseAddress);
        Assert.Equal(5, options.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(50), options.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxRetryDelay); // not in the section: the default stays
        Assert.Equal(TimeSpan.FromSeconds(3), options.IngestionPollInterval);

        var client = provider.GetRequiredService<EngramClient>();
        var session = await client.Sessions.CreateAsync();
        Assert.Equal(session.Id, (await client.Sessions.GetAsync(session.Id)).Id);
    }

    [Fact]
    public async Task A_value_that_does_not_convert_fails_when_the_client_is_resolved_naming_its_key()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Engram:MaxRetries"] = "many",
        }).Build();
        var services = new ServiceCollection();
        services.AddEngramClient(configuration.GetSection("Engram"));
        await using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<EngramClient>());
        Assert.Contains("Engram:MaxRetries", error.Message);
    }

    private sealed class CountingHandler : DelegatingHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
