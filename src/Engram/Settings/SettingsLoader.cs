using System.Globalization;
using Engram.Cli;
using Microsoft.Extensions.Configuration;

namespace Engram;

/// Reads every setting from the framework's configuration sources, later ones winning:
/// `appsettings.json` in the working directory, environment variables in the framework's form
/// (`Engram__Files__MaxUploadBytes`), the short variables (`ENGRAM_DATABASE`), then the flags
/// (`--database`, or any key as `--Engram:Files:MaxUploadBytes=…`).
public static class SettingsLoader
{
    /// The server key's old name: it is also the key the CLI sends, so the server has its own now.
    public const string DeprecatedApiKeyVariable = "ENGRAM_API_KEY";

    public static EngramSettings Load(CommandLine line, IReadOnlyDictionary<string, string> environment, string directory,
        ICollection<string>? warnings = null)
    {
        var configuration = Build(line, environment, directory);
        var apiKey = configuration[Setting.ApiKey.Key];
        if (apiKey is null && Value(environment, DeprecatedApiKeyVariable) is { } oldKey)
        {
            apiKey = oldKey;
            warnings?.Add($"engram: warning: {DeprecatedApiKeyVariable} as the server's key is deprecated; set {Setting.ApiKey.Variable}"
                + $" instead ({DeprecatedApiKeyVariable} stays the key the CLI sends)");
            // Kept working as it was (contract §6): a short key here is a warning, not a refusal.
            if (Auth.StartupKey.ProblemWith(oldKey, allowShort: true) is { } problem)
            {
                throw new ArgumentException($"{DeprecatedApiKeyVariable} {problem}");
            }
            if (Auth.StartupKey.ProblemWith(oldKey) is { } weak)
            {
                warnings?.Add($"engram: warning: {DeprecatedApiKeyVariable} {weak}; accepted for now, refused under {Setting.ApiKey.Variable}");
            }
        }
        var settings = new EngramSettings(
            Database: Text(configuration, Setting.Database) ?? Storage.StoreFactory.DefaultDatabase,
            Urls: Text(configuration, Setting.Urls) ?? EngramSettings.DefaultUrls,
            ApiKey: apiKey is "" ? null : apiKey,
            LogLevel: Parse(configuration, Setting.LogLevel, "a log level (Trace, Debug, Information, Warning, Error, None)", LevelName)
                ?? LogLevel.Information,
            RateLimitPerSecond: Parse(configuration, Setting.RateLimit, "a whole number of requests per second", WholeNumber) ?? 0)
        {
            ShortApiKeyAllowed = configuration[Setting.ApiKey.Key] is null,
            PublicUrl = Text(configuration, Setting.PublicUrl),
            Files = new()
            {
                MaxUploadBytes = Parse(configuration, Setting.MaxUploadBytes, "a whole number of bytes", WholeLong) ?? FilesOptions.DefaultMaxUploadBytes,
            },
            Ingestion = new()
            {
                AllowPrivateNetworks = Parse(configuration, Setting.AllowPrivateNetworks, "true or false", Boolean) ?? false,
                Workers = Parse(configuration, Setting.Workers, "a whole number", WholeNumber) ?? 1,
                TokenLimit = Parse(configuration, Setting.TokenLimit, "a whole number of tokens", WholeLong),
            },
            Retrieval = new()
            {
                IndexMegabytes = Parse(configuration, Setting.IndexMegabytes, "a whole number of megabytes", WholeNumber)
                    ?? RetrievalOptions.DefaultIndexMegabytes,
            },
            Operations = new()
            {
                LogFormat = Parse(configuration, Setting.LogFormat, "text or json", FormatName) ?? LogFormat.Text,
                DrainDelay = Parse(configuration, Setting.DrainSeconds, "a whole number of seconds", WholeNumber) is { } drain
                    ? TimeSpan.FromSeconds(drain) : OperationsOptions.DefaultDrainDelay,
                PublicMetrics = Parse(configuration, Setting.PublicMetrics, "true or false", Boolean) ?? false,
                OtlpEndpoint = Text(configuration, Setting.OtlpEndpoint),
            },
            Embeddings = Endpoint(configuration, Setting.EmbeddingsEndpoint, Setting.EmbeddingsModel, Setting.EmbeddingsApiKey),
            Llm = Endpoint(configuration, Setting.LlmEndpoint, Setting.LlmModel, Setting.LlmApiKey) with
            {
                TimeoutSeconds = Parse(configuration, Setting.LlmTimeoutSeconds, "a number of seconds", Seconds),
            },
        };
        settings.Check();
        return settings;
    }

    /// Only the database: the `keys` commands need nothing else, and must not trip on a server setting.
    public static string Database(CommandLine line, IReadOnlyDictionary<string, string> environment, string directory) =>
        Text(Build(line, environment, directory), Setting.Database) ?? Storage.StoreFactory.DefaultDatabase;

    /// This process's environment, as `Load` takes it.
    public static IReadOnlyDictionary<string, string> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);

    private static IConfigurationRoot Build(CommandLine line, IReadOnlyDictionary<string, string> environment, string directory)
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Path.GetFullPath(directory), "appsettings.json"), optional: true, reloadOnChange: false)
            // The framework's form: `__` separates sections; names match in any letter case.
            .AddInMemoryCollection(environment.Where(e => e.Key.Contains("__", StringComparison.Ordinal))
                .Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)))
            .AddInMemoryCollection(Setting.All.Where(s => s.Variable is not null && Value(environment, s.Variable) is not null)
                .Select(s => KeyValuePair.Create(s.Key, (string?)Value(environment, s.Variable!))))
            .AddInMemoryCollection(line.ConfigurationKeys.Select(o => KeyValuePair.Create(o.Key, (string?)o.Value)))
            .AddInMemoryCollection(Setting.All.Where(s => s.Flag is not null && line.Option(s.Flag) is not null)
                .Select(s => KeyValuePair.Create(s.Key, (string?)line.Option(s.Flag!))));
        IConfigurationRoot configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (InvalidDataException e)
        {
            throw new ArgumentException($"{Path.Combine(directory, "appsettings.json")}: {e.InnerException?.Message ?? e.Message}", e);
        }
        RefuseUnknownKeys(configuration.GetSection("Engram"));
        return configuration;
    }

    /// A misspelt key would otherwise be ignored without a word, and its default used instead.
    private static void RefuseUnknownKeys(IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (Setting.All.Any(s => s.Key.Equals(child.Path, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (!Setting.All.Any(s => s.Key.StartsWith(child.Path + ":", StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"{child.Path} is not a setting (engram serve --help lists them)");
            }
            RefuseUnknownKeys(child);
        }
    }

    private static ModelEndpointOptions Endpoint(IConfiguration configuration, Setting endpoint, Setting model, Setting apiKey) => new()
    {
        Endpoint = Text(configuration, endpoint),
        Model = Text(configuration, model),
        ApiKey = Text(configuration, apiKey),
    };

    /// An empty value is the same as none, as for the short variables before.
    private static string? Text(IConfiguration configuration, Setting setting) =>
        configuration[setting.Key] is { Length: > 0 } value ? value : null;

    /// Null when unset; a value that does not parse stops the start.
    private static T? Parse<T>(IConfiguration configuration, Setting setting, string expected, Func<string, T?> parse)
        where T : struct
    {
        if (Text(configuration, setting) is not { } text)
        {
            return null;
        }
        return parse(text.Trim()) ?? throw new ArgumentException($"{setting.Name} must be {expected}, not '{text}'");
    }

    /// Names only: Enum.TryParse would also take any number.
    private static LogLevel? LevelName(string text) =>
        Enum.TryParse<LogLevel>(text, ignoreCase: true, out var level) && !char.IsAsciiDigit(text[0]) && text[0] != '-' ? level : null;

    private static LogFormat? FormatName(string text) => text.ToLowerInvariant() switch
    {
        "text" => LogFormat.Text,
        "json" => LogFormat.Json,
        _ => null,
    };

    private static int? WholeNumber(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static long? WholeLong(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Seconds(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static bool? Boolean(string text) => bool.TryParse(text, out var value) ? value : null;

    private static string? Value(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && value.Length > 0 ? value : null;
}
