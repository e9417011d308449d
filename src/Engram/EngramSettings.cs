namespace Engram;

/// Every setting the server runs with; none is required. `SettingsLoader` fills it from
/// configuration; tests build it directly (`settings with { Ingestion = new() { … } }`).
/// `CreateAsync` checks it either way, so a bad value never reaches a feature.
public sealed partial record EngramSettings(
    string Database, string Urls, string? ApiKey, LogLevel LogLevel = LogLevel.Information, int RateLimitPerSecond = 0)
{
    public const string DefaultUrls = "http://localhost:5080";

    /// `Engram:PublicUrl`: an absolute http(s) URL, or null to use the request's own.
    public string? PublicUrl { get; init; }

    /// True when the key came from the deprecated ENGRAM_API_KEY, which keeps accepting the short
    /// keys it always did (contract §6); ENGRAM_SERVER_API_KEY refuses them.
    public bool ShortApiKeyAllowed { get; init; }

    public OperationsOptions Operations { get; init; } = new();

    public FilesOptions Files { get; init; } = new();

    public IngestionOptions Ingestion { get; init; } = new();

    public RetrievalOptions Retrieval { get; init; } = new();

    public ModelEndpointOptions Embeddings { get; init; } = new();

    public ModelEndpointOptions Llm { get; init; } = new();
}
