using Engram.Storage;

namespace Engram.Auth;

public static class StartupKey
{
    public const string DefaultAccount = "default";

    /// `ENGRAM_API_KEY` makes sure that key exists for the account `default`; a first start with
    /// no key at all creates one and prints it, once, so a newcomer can make requests right away.
    public static async Task EnsureAsync(IStore store, string? configuredKey, TextWriter output, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrEmpty(configuredKey))
        {
            if (!await AddAsync(store, DefaultAccount, configuredKey, cancellationToken)
                && await IsRevokedAsync(store, configuredKey, cancellationToken))
            {
                // Revocation wins over the environment: say so rather than fail every request silently.
                await output.WriteLineAsync("engram: warning: the key in ENGRAM_API_KEY was revoked; requests with it are refused (403)");
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

    /// A key travels in an HTTP header: printable ASCII without spaces.
    public static bool IsUsableKey(string key)
    {
        foreach (var c in key)
        {
            if (c is <= ' ' or > '~')
            {
                return false;
            }
        }
        return key.Length > 0;
    }
}
