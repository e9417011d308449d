namespace Engram.Client;

/// <summary>
/// The client for an Engram server, or for duohub's Retriever API (same paths and JSON; the calls
/// documented as extensions, such as <see cref="SessionsClient.EndAsync"/>, are Engram's own). One
/// instance per base address and key; it is safe to share between threads.
/// </summary>
/// <remarks>
/// <para>Every call is async and takes a <see cref="CancellationToken"/> last. An error answer throws
/// <see cref="EngramException"/>; a server that cannot be reached throws <see cref="HttpRequestException"/>.</para>
/// <para>Retries (at most <see cref="EngramClientOptions.MaxRetries"/>, with a short exponential backoff):
/// any call whose connection could not be made or that was answered 429; GETs, <c>end</c>, <c>add-files</c>,
/// <c>start-ingestion</c> and the upload's PUT (whose repeats change nothing) also after a
/// lost answer, a timeout, or a 500/502/503/504. Creates and deletes are not repeated once they may have
/// reached the server: a repeated create could make a second record, and a repeated delete answers 404
/// for a delete that succeeded.</para>
/// </remarks>
public sealed class EngramClient
{
    private readonly ApiConnection _connection;

    /// <summary>Creates a client that sends its requests through <paramref name="httpClient"/>.</summary>
    /// <param name="httpClient">The caller's client (from <c>IHttpClientFactory</c>, say); it is not disposed here.</param>
    /// <param name="options">Base address, API key and retry settings.</param>
    public EngramClient(HttpClient httpClient, EngramClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.BaseAddress);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.IngestionPollInterval, TimeSpan.Zero);
        var connection = new ApiConnection(httpClient, options);
        Sessions = new SessionsClient(connection);
        Messages = new MessagesClient(connection);
        Users = new UsersClient(connection);
        Files = new FilesClient(connection);
        Memories = new MemoriesClient(connection, options.IngestionPollInterval);
        _connection = connection;
    }

    /// <summary>Sessions: create, get, list, end, delete.</summary>
    public SessionsClient Sessions { get; }

    /// <summary>Messages: create, get, list, delete.</summary>
    public MessagesClient Messages { get; }

    /// <summary>The account's end users: create, get, list, delete.</summary>
    public UsersClient Users { get; }

    /// <summary>Files: upload, create from a URL, get, list, delete.</summary>
    public FilesClient Files { get; }

    /// <summary>Memories: create, add files, ingest (and wait), get, list, samples, delete.</summary>
    public MemoriesClient Memories { get; }

    /// <summary>
    /// Retrieves what a memory holds about a query, best first. <c>GET /memory</c>, the call a voice agent
    /// makes on every turn; it answers with no envelope, exactly as duohub.
    /// </summary>
    /// <param name="request">The memory and the query, and optionally top_k, facts and assisted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The payload, facts and sources; empty lists when nothing is ingested yet.</returns>
    /// <exception cref="EngramException">400 for a bad query or top_k, 404 when the memory does not exist.</exception>
    public Task<MemoryAnswer> QueryAsync(MemoryQueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var url = new QueryString("memory").Add("memoryID", request.MemoryId).Add("query", request.Query)
            .Add("top_k", request.TopK).Add("facts", Flag(request.Facts)).Add("assisted", Flag(request.Assisted));
        return _connection.SendBareAsync(HttpMethod.Get, url.ToString(), null, ClientJson.Default.MemoryAnswer,
            idempotent: true, cancellationToken);
    }

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };
}
