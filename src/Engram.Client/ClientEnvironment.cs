namespace Engram.Client;

/// The settings a client made without options reads from the environment: the same two
/// variables the `engram` command line reads, so one `export` serves both.
internal static class ClientEnvironment
{
    public const string ApiKeyVariable = "ENGRAM_API_KEY";
    public const string UrlVariable = "ENGRAM_URL";

    /// Where `engram serve` listens when given no --urls (README, "Running it").
    public static readonly Uri DefaultBaseAddress = new("http://localhost:5080");

    /// The key from ENGRAM_API_KEY; a missing one is a setup mistake, said at construction rather
    /// than as a 401 on the first call.
    public static string ApiKey() => Variable(ApiKeyVariable) ?? throw new InvalidOperationException(
        $"{ApiKeyVariable} is not set: set it to an Engram API key (ek_…), or pass the key to new EngramClient(apiKey)");

    /// The base address from the argument, else ENGRAM_URL, else the local server's default.
    public static Uri BaseAddress(string? baseUrl)
    {
        if (baseUrl is not null)
        {
            return Absolute(baseUrl) ?? throw new ArgumentException(
                $"The base URL must be an absolute http or https URL, e.g. http://localhost:5080; got '{baseUrl}'", nameof(baseUrl));
        }
        if (Variable(UrlVariable) is { } fromEnvironment)
        {
            return Absolute(fromEnvironment) ?? throw new InvalidOperationException(
                $"{UrlVariable} must be an absolute http or https URL, e.g. http://localhost:5080; it is '{fromEnvironment}'");
        }
        return DefaultBaseAddress;
    }

    /// An empty variable counts as unset, as `export ENGRAM_URL=` means "no value" to most shells' users.
    private static string? Variable(string name) =>
        Environment.GetEnvironmentVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static Uri? Absolute(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : null;
}
