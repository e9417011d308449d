using Engram.Storage;

namespace Engram;

/// Every setting, from the command line first and the environment second; none is required.
public sealed record EngramSettings(
    string Database, string Urls, string? ApiKey, LogLevel LogLevel = LogLevel.Information, int RateLimitPerSecond = 0)
{
    public const string DefaultUrls = "http://localhost:5080";

    public static EngramSettings From(Cli.CommandLine line) => new(
        Database: line.Option("--database") ?? Environment("ENGRAM_DATABASE") ?? StoreFactory.DefaultDatabase,
        Urls: line.Option("--urls") ?? Environment("ENGRAM_URLS") ?? DefaultUrls,
        ApiKey: Environment("ENGRAM_API_KEY"),
        RateLimitPerSecond: RateLimit(line.Option("--rate-limit") ?? Environment("ENGRAM_RATE_LIMIT")));

    /// Requests per second per API key; absent or 0 is off.
    private static int RateLimit(string? value) =>
        value is null ? 0
        : int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var perSecond)
            ? perSecond
            : throw new ArgumentException($"--rate-limit / ENGRAM_RATE_LIMIT must be a whole number of requests per second, not '{value}'");

    private static string? Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
