namespace Engram;

/// One setting as a person meets it: its configuration key, the short environment variable and
/// flag that also set it (when it has them), its default and what it does. Error lines,
/// `engram serve --help` and the README's table all name settings from this one list.
public sealed record Setting(string Key, string? Variable, string? Flag, string Default, string Description)
{
    public static readonly Setting Database = new("Engram:Database", "ENGRAM_DATABASE", "--database", Storage.StoreFactory.DefaultDatabase,
        "an SQLite file path or `Data Source=…`; or a PostgreSQL connection string `Host=…`");
    public static readonly Setting Urls = new("Engram:Urls", "ENGRAM_URLS", "--urls", EngramSettings.DefaultUrls,
        "where the server listens (`;`-separated for several)");
    public static readonly Setting ApiKey = new("Engram:ApiKey", "ENGRAM_SERVER_API_KEY", null, "none",
        "makes sure this key (24 characters or more) exists for the account `default` at start-up");
    public static readonly Setting RateLimit = new("Engram:RateLimit", "ENGRAM_RATE_LIMIT", "--rate-limit", "0 (off)",
        "requests per second per key; over it, `429` with `Retry-After`");
    public static readonly Setting LogLevel = new("Logging:LogLevel:Default", null, null, "Information",
        "`Warning` silences the per-request log line");
    public static readonly Setting LogFormat = new("Engram:Logging:Format", "ENGRAM_LOG_FORMAT", null, "text",
        "`json` writes every log line as one JSON object (timestamp, level, category, message, requestId)");
    public static readonly Setting DrainSeconds = new("Engram:Shutdown:DrainSeconds", null, null, "5",
        "after SIGTERM, seconds `/readyz` answers 503 while requests are still served, before the listener closes");
    public static readonly Setting PublicMetrics = new("Engram:Metrics:Public", null, null, "false",
        "serves `/metrics` (Prometheus) without a key; off, it needs one like the API");
    public static readonly Setting OtlpEndpoint = new("Engram:Metrics:OtlpEndpoint", null, null, "none",
        "an OTLP/gRPC collector (`http://collector:4317`) that metrics and traces are pushed to");
    public static readonly Setting PublicUrl = new("Engram:PublicUrl", "ENGRAM_PUBLIC_URL", "--public-url", "none",
        "the absolute http(s) address clients reach this server at, when a proxy stands in front");
    public static readonly Setting MaxUploadBytes = new("Engram:Files:MaxUploadBytes", null, null, "104857600 (100 MiB)",
        "the largest file an upload may carry");
    public static readonly Setting AllowPrivateNetworks = new("Engram:Ingestion:AllowPrivateNetworks", null, null, "false",
        "lets ingestion fetch URLs on loopback and private networks (off: a guard against SSRF)");
    public static readonly Setting Workers = new("Engram:Ingestion:Workers", null, null, "1",
        "ingestion jobs this process runs at once; 0 runs none here");
    public static readonly Setting TokenLimit = new("Engram:Ingestion:TokenLimit", null, null, "none (unlimited)",
        "tokens an account may ingest; over it, starting ingestion is refused");
    public static readonly Setting IndexMegabytes = new("Engram:Retrieval:IndexMegabytes", null, null, "256",
        "megabytes the search indexes of all memories may hold in this process (estimated); past it the least recently queried are "
        + "dropped and reloaded by their next query");
    public static readonly Setting EmbeddingsEndpoint = new("Engram:Embeddings:Endpoint", null, null, "none (the packaged model)",
        "an OpenAI-compatible embeddings endpoint");
    public static readonly Setting EmbeddingsModel = new("Engram:Embeddings:Model", null, null, "none",
        "the model name sent to that endpoint");
    public static readonly Setting EmbeddingsApiKey = new("Engram:Embeddings:ApiKey", null, null, "none",
        "the bearer key sent to that endpoint");
    public static readonly Setting LlmEndpoint = new("Engram:Llm:Endpoint", null, null, "none",
        "an OpenAI-compatible chat endpoint, for what needs a language model");
    public static readonly Setting LlmModel = new("Engram:Llm:Model", null, null, "none",
        "the model name sent to that endpoint");
    public static readonly Setting LlmApiKey = new("Engram:Llm:ApiKey", null, null, "none",
        "the bearer key sent to that endpoint");
    public static readonly Setting LlmTimeoutSeconds = new("Engram:Llm:TimeoutSeconds", null, null, "30",
        "seconds one request to that endpoint may take before it is tried again (twice at most), then the built-in path answers");

    /// Every setting the server reads; a key under `Engram:` that is not here stops the start.
    public static readonly IReadOnlyList<Setting> All =
    [
        Database, Urls, ApiKey, RateLimit, LogLevel, LogFormat, DrainSeconds, PublicMetrics, OtlpEndpoint, PublicUrl, MaxUploadBytes,
        AllowPrivateNetworks, Workers, TokenLimit, IndexMegabytes,
        EmbeddingsEndpoint, EmbeddingsModel, EmbeddingsApiKey, LlmEndpoint, LlmModel, LlmApiKey, LlmTimeoutSeconds,
    ];

    /// The same key as an environment variable in the framework's form (`Engram__Files__MaxUploadBytes`).
    public string FrameworkVariable => Key.Replace(":", "__", StringComparison.Ordinal);

    /// How an error line names it: the flag and short variable a person most likely used, else the key.
    public string Name => (Flag, Variable) switch
    {
        ({ } flag, { } variable) => $"{flag} / {variable}",
        (null, { } variable) => variable,
        _ => Key,
    };
}
