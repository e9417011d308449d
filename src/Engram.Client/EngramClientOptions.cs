namespace Engram.Client;

/// <summary>Where the client sends requests, with which key, and how it retries.</summary>
public sealed class EngramClientOptions
{
    /// <summary>
    /// The server's base address, e.g. <c>http://localhost:5080</c> for a local Engram or
    /// <c>https://api.duohub.ai</c> for duohub. A path is kept: <c>https://host/engram</c> sends
    /// <c>https://host/engram/sessions/list</c>.
    /// </summary>
    public Uri BaseAddress { get; set; } = new("http://localhost:5080");

    /// <summary>The API key, sent as <c>X-API-Key</c>. When empty no key is sent (and the server answers 401).</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>
    /// How many times a failed call is tried again (default 2, so at most 3 attempts). Only calls that
    /// are safe to repeat are retried; see <see cref="EngramClient"/> for which.
    /// </summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>The wait before the first retry (default 200 ms); it doubles for each further one, with jitter.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// The longest wait before a retry (default 2 s). A 429 whose <c>Retry-After</c> asks for longer is
    /// not retried: it is thrown at once, with <see cref="EngramException.RetryAfter"/> set.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often <see cref="MemoriesClient.WaitForIngestionAsync"/> reads the memory (default 1 s).</summary>
    public TimeSpan IngestionPollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
