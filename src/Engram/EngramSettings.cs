using Engram.Storage;

namespace Engram;

/// Every setting, from the command line first and the environment second; none is required.
public sealed record EngramSettings(
    string Database, string Urls, string? ApiKey, LogLevel LogLevel = LogLevel.Information, int RateLimitPerSecond = 0)
{
    public const string DefaultUrls = "http://localhost:5080";

    public static EngramSettings From(Cli.CommandLine line) => new(
        Database: line.Option("--database") ?? Environment("ENGRAM_DATABASE") ?? StoreFactory.DefaultDatabase,
        Urls: CheckedUrls(line.Option("--urls") ?? Environment("ENGRAM_URLS") ?? DefaultUrls),
        ApiKey: Environment("ENGRAM_API_KEY"),
        RateLimitPerSecond: RateLimit(line.Option("--rate-limit") ?? Environment("ENGRAM_RATE_LIMIT")));

    /// `http://host:port`, several separated by `;`; checked here so a typo stops the start with one line.
    private static string CheckedUrls(string urls)
    {
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Kestrel also accepts wildcard hosts (http://*:5080, http://+:5080), which Uri does not parse.
            var parsable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
            if (!Uri.TryCreate(parsable, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new ArgumentException($"--urls / ENGRAM_URLS: '{url}' is not an http:// or https:// address");
            }
        }
        return urls;
    }

    /// Requests per second per API key; absent or 0 is off.
    private static int RateLimit(string? value) =>
        value is null ? 0
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var perSecond)
            ? perSecond
            : throw new ArgumentException($"--rate-limit / ENGRAM_RATE_LIMIT must be a whole number of requests per second, not '{value}'");

    private static string? Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
