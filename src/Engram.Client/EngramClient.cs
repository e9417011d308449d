namespace Engram.Client;

/// <summary>
/// The client for an Engram server, or for duohub's Retriever API (same paths and JSON; only
/// <see cref="SessionsClient.EndAsync"/> is Engram's own). One instance per base address and key;
/// it is safe to share between threads.
/// </summary>
/// <remarks>
/// <para>Every call is async and takes a <see cref="CancellationToken"/> last. An error answer throws
/// <see cref="EngramException"/>; a server that cannot be reached throws <see cref="HttpRequestException"/>.</para>
/// <para>Retries (at most <see cref="EngramClientOptions.MaxRetries"/>, with a short exponential backoff):
/// any call whose connection could not be made or that was answered 429; GETs and <c>end</c> also after a
/// lost answer, a timeout, or a 500/502/503/504. Creates and deletes are not repeated once they may have
/// reached the server: a repeated create could make a second record, and a repeated delete answers 404
/// for a delete that succeeded.</para>
/// </remarks>
public sealed class EngramClient
{
    /// <summary>Creates a client that sends its requests through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The caller's client (from <c>IHttpClientFactory</c>, say); it is not disposed here.</param>
    /// <param name="options">Base address, API key and retry settings.</param>
    public EngramClient(HttpClient httpClient, EngramClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.BaseAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        var connection = new ApiConnection(httpClient, options);
        Sessions = new SessionsClient(connection);
        Messages = new MessagesClient(connection);
        Users = new UsersClient(connection);
    }

    /// <summary>Sessions: create, get, list, end, delete.</summary>
    public SessionsClient Sessions { get; }

    /// <summary>Messages: create, get, list, delete.</summary>
    public MessagesClient Messages { get; }

    /// <summary>The account's end users: create, get, list, delete.</summary>
    public UsersClient Users { get; }
}
