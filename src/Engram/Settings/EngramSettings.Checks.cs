using Engram.Auth;

namespace Engram;

/// The rules every value must meet, checked once at start; each failure is one line that
/// names the setting and the value (never a key's value).
public sealed partial record EngramSettings
{
    public void Check()
    {
        if (string.IsNullOrWhiteSpace(Database))
        {
            throw new ArgumentException($"{Setting.Database.Name} must not be empty");
        }
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel also accepts wildcard hosts (http://*:5080, http://+:5080), which Uri does not parse.
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!IsHttpUrl(parsable))
            {
                throw new ArgumentException($"{Setting.Urls.Name}: '{url}' is not an http:// or https:// address");
            }
        }
        if (ApiKey is not null && StartupKey.ProblemWith(ApiKey, ShortApiKeyAllowed) is { } problem)
        {
            throw new ArgumentException($"{Setting.ApiKey.Name} {problem}");
        }
        Require(RateLimitPerSecond >= 0, Setting.RateLimit, RateLimitPerSecond, "0 or more requests per second");
        Require(PublicUrl is null || IsHttpUrl(PublicUrl), Setting.PublicUrl, PublicUrl, "an absolute http:// or https:// URL");
        Require(Files.MaxUploadBytes >= 1, Setting.MaxUploadBytes, Files.MaxUploadBytes, "1 byte or more");
        Require(Ingestion.Workers >= 0, Setting.Workers, Ingestion.Workers, "0 or more");
        Require(Ingestion.TokenLimit is null or >= 1, Setting.TokenLimit, Ingestion.TokenLimit, "1 or more, or unset for no limit");
        Require(Retrieval.IndexMegabytes >= 0, Setting.IndexMegabytes, Retrieval.IndexMegabytes, "0 or more megabytes");
        Require(Embeddings.Endpoint is null || IsHttpUrl(Embeddings.Endpoint), Setting.EmbeddingsEndpoint, Embeddings.Endpoint,
            "an absolute http:// or https:// URL");
        Require(Operations.OtlpEndpoint is null || IsHttpUrl(Operations.OtlpEndpoint), Setting.OtlpEndpoint, Operations.OtlpEndpoint,
            "an absolute http:// or https:// URL");
        Require(Llm.Endpoint is null || IsHttpUrl(Llm.Endpoint), Setting.LlmEndpoint, Llm.Endpoint, "an absolute http:// or https:// URL");
        Require(Llm.TimeoutSeconds is null or (> 0 and <= 3600), Setting.LlmTimeoutSeconds, Llm.TimeoutSeconds, "more than 0 and at most 3600 seconds");
    }

    private static void Require(bool holds, Setting setting, object? value, string rule)
    {
        if (!holds)
        {
            throw new ArgumentException($"{setting.Name} must be {rule}, not '{value}'");
        }
    }

    private static bool IsHttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is ("http" or "https");
}
