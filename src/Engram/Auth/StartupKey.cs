using Engram.Storage;

namespace Engram.Auth;

public static class StartupKey
{
    public const string DefaultAccount = "default";

    /// A key chosen by hand must be at least this long to be as hard to guess as a generated one is.
    public const int MinimumLength = 24;

    /// `ENGRAM_SERVER_API_KEY` makes sure that key exists for the account `default`; a first start
    /// with no key at all creates one and prints it, once, so a newcomer can make requests right away.
    public static async Task EnsureAsync(IStore store, string? configuredKey, TextWriter output, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(configuredKey))
        {
            var prefix = ApiKeyHasher.PrefixOf(configuredKey);
            if (await AddAsync(store, DefaultAccount, configuredKey, cancellationToken))
            {
                await output.WriteLineAsync($"The configured API key (prefix {prefix}) was added for the account '{DefaultAccount}'.");
            }
            else if (await IsRevokedAsync(store, configuredKey, cancellationToken))
            {
                // Revocation wins over the environment: say so rather than fail every request silently.
                await output.WriteLineAsync($"engram: warning: the configured API key (prefix {prefix}) was revoked; requests with it are refused (403)");
            }
            else
            {
                await output.WriteLineAsync($"The configured API key (prefix {prefix}) exists for the account '{DefaultAccount}'.");
            }
            return;
        }
        if (await store.AnyApiKeyAsync(cancellationToken))
        {
            return;
        }
        var key = ApiKeyHasher.NewKey();
        await AddAsync(store, DefaultAccount, key, cancellationToken);
        await output.WriteLineAsync($"No API key existed, so Engram created one for the account '{DefaultAccount}'. It is shown only this once:");
        await output.WriteLineAsync(key);
        await output.FlushAsync(cancellationToken);
    }

    private static async Task<bool> IsRevokedAsync(IStore store, string key, CancellationToken cancellationToken)
    {
        var hash = ApiKeyHasher.Hash(key);
        foreach (var stored in await store.FindApiKeysAsync(ApiKeyHasher.PrefixOf(key), cancellationToken))
        {
            if (stored.RevokedAt is not null && stored.Hash.AsSpan().SequenceEqual(hash))
            {
                return true;
            }
        }
        return false;
    }

    public static Task<bool> AddAsync(IStore store, string account, string key, CancellationToken cancellationToken) =>
        store.AddApiKeyAsync(new NewApiKey(account, ApiKeyHasher.PrefixOf(key), ApiKeyHasher.Hash(key), UnixMs.Now()), cancellationToken);

    /// Why a key chosen by hand cannot be used, or null when it can. It travels in an HTTP header
    /// (printable ASCII without spaces); the answer never quotes the key.
    public static string? ProblemWith(string key, bool allowShort = false)
    {
        foreach (var c in key)
        {
            if (c is <= ' ' or > '~')
            {
                return "must be printable ASCII without spaces";
            }
        }
        return key.Length < MinimumLength && !allowShort ? $"must be at least {MinimumLength} characters, not {key.Length} (engram keys create makes one)" : null;
    }
}
