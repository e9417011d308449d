using Engram.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

// In the framework's namespace, beside AddHttpClient, so `services.AddEngramClient` is found
// without another using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="EngramClient"/> with dependency injection, its requests sent through <c>IHttpClientFactory</c>.</summary>
public static class EngramServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the factory makes for <see cref="EngramClient"/>.</summary>
    public const string HttpClientName = "Engram.Client";

    /// <summary>
    /// Registers <see cref="EngramClient"/> (transient, as clients from <c>IHttpClientFactory</c> are) with
    /// the options <paramref name="configure"/> sets.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the base address, the API key and the retry settings.</param>
    /// <returns>The builder of the named <see cref="HttpClient"/>, to add handlers or set its timeout.</returns>
    public static IHttpClientBuilder AddEngramClient(this IServiceCollection services, Action<EngramClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<EngramClientOptions>().Configure(configure);
        return AddClient(services);
    }

    /// <summary>
    /// Registers <see cref="EngramClient"/> with options bound from <paramref name="configuration"/>, a
    /// section such as <c>"Engram"</c> with the keys <c>BaseAddress</c>, <c>ApiKey</c>, <c>MaxRetries</c>,
    /// <c>RetryDelay</c>, <c>MaxRetryDelay</c> and <c>IngestionPollInterval</c> (times as <c>00:00:00.200</c>).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The section to bind, e.g. <c>builder.Configuration.GetSection("Engram")</c>.</param>
    /// <returns>The builder of the named <see cref="HttpClient"/>, to add handlers or set its timeout.</returns>
    public static IHttpClientBuilder AddEngramClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EngramClientOptions>().Bind(configuration);
        return AddClient(services);
    }

    private static IHttpClientBuilder AddClient(IServiceCollection services)
    {
        // A factory delegate rather than a typed client: EngramClient has several constructors,
        // and this one call is the one DI should make (no reflection, so it stays trimmable).
        services.TryAddTransient(provider => new EngramClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptions<EngramClientOptions>>().Value));
        return services.AddHttpClient(HttpClientName);
    }
}
