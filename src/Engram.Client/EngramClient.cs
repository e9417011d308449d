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
    /// Shared by every client made without an HttpClient: one connection pool for the process, its
    /// connections renewed every two minutes so a DNS change is seen (the documented pattern for a
    /// long-lived HttpClient). Never disposed, so no client owns anything to dispose.
    private static readonly HttpClient SharedHttp = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) });

    private readonly ApiConnection _connection;

    /// <summary>
    /// Creates a client from the environment: the key from <c>ENGRAM_API_KEY</c>, the server from
    /// <c>ENGRAM_URL</c> (default <c>http://localhost:5080</c>), the same variables the <c>engram</c> command reads.
    /// </summary>
    /// <exception cref="InvalidOperationException"><c>ENGRAM_API_KEY</c> is not set, or <c>ENGRAM_URL</c> is not an http(s) URL.</exception>
    public EngramClient()
        : this(ClientEnvironment.ApiKey(), baseUrl: null)
    {
    }

    /// <summary>Creates a client for <paramref name="apiKey"/>, on the server named by <c>ENGRAM_URL</c> (default <c>http://localhost:5080</c>).</summary>
    /// <param name="apiKey">The API key, sent as <c>X-API-Key</c>.</param>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty.</exception>
    /// <exception cref="InvalidOperationException"><c>ENGRAM_URL</c> is set but not an http(s) URL.</exception>
    public EngramClient(string apiKey)
        : this(apiKey, baseUrl: null)
    {
    }

    /// <summary>Creates a client for <paramref name="apiKey"/> on the server at <paramref name="baseUrl"/>.</summary>
    /// <param name="apiKey">The API key, sent as <c>X-API-Key</c>.</param>
    /// <param name="baseUrl">
    /// The server, e.g. <c>http://localhost:5080</c> or <c>https://api.duohub.ai</c>; when null, <c>ENGRAM_URL</c>,
    /// else <c>http://localhost:5080</c>.
    /// </param>
    /// <remarks>Requests go through one <see cref="HttpClient"/> shared by every client made this way.</remarks>
    /// <exception cref="ArgumentException"><paramref name="apiKey"/> is empty, or <paramref name="baseUrl"/> is not an http(s) URL.</exception>
    public EngramClient(string apiKey, string? baseUrl)
        : this(SharedHttp, new EngramClientOptions
        {
            ApiKey = NonEmpty(apiKey),
            BaseAddress = ClientEnvironment.BaseAddress(baseUrl),
        })
    {
    }

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

    private static string NonEmpty(string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return apiKey;
    }

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };
}
