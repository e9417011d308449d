using Engram.Client;

namespace Engram.Tests.Infrastructure;

public static class Clients
{
    private static readonly HttpClient Shared = new();

    /// An EngramClient for the account behind `api`, on this server. Retries wait a millisecond
    /// so the retry tests stay quick; the backoff's length is not what they check.
    public static EngramClient ClientFor(this EngramServer server, Api api, HttpClient? http = null, int maxRetries = 2) =>
        new(http ?? Shared, new EngramClientOptions
        {
            BaseAddress = server.BaseAddress,
            ApiKey = api.Key ?? "",
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });
}
