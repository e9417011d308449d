using Engram.Storage;

namespace Engram;

/// Every setting, from the command line first and the environment second; none is required.
public sealed record EngramSettings(string Database, string Urls, string? ApiKey, LogLevel LogLevel = LogLevel.Information)
{
    public const string DefaultUrls = "http://localhost:5080";

    public static EngramSettings From(Cli.CommandLine line) => new(
        Database: line.Option("--database") ?? Environment("ENGRAM_DATABASE") ?? StoreFactory.DefaultDatabase,
        Urls: line.Option("--urls") ?? Environment("ENGRAM_URLS") ?? DefaultUrls,
        ApiKey: Environment("ENGRAM_API_KEY"));

    private static string? Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
