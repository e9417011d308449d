using System.Collections.Concurrent;
using Engram.Storage;

namespace Engram.Auth;

/// Resolves an API key to its account. Answers are cached for half a second, so a busy key
/// costs no database round trip per request while a revoked key is refused within a second
/// on every node. `last used` is written at most once a minute per key.
public sealed class ApiKeyAuthenticator(IStore store)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private const int MaxCachedKeys = 10_000;

    private readonly ConcurrentDictionary<string, CachedAnswer> _cache = new(StringComparer.Ordinal);

    private sealed record CachedAnswer(string? AccountId, long ExpiresAt);

    public async ValueTask<string?> AuthenticateAsync(string key, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        if (_cache.TryGetValue(key, out var cached) && cached.ExpiresAt > now)
        {
            return cached.AccountId;
        }

        string? account = null;
        foreach (var candidate in await store.FindApiKeysAsync(ApiKeyHasher.PrefixOf(key), cancellationToken))
        {
            if (candidate.RevokedAt is null && ApiKeyHasher.Matches(key, candidate.Hash))
            {
                account = candidate.AccountId;
                var at = UnixMs.Now();
                if (candidate.LastUsedAt is null || at - candidate.LastUsedAt > TouchEvery)
                {
                    await store.TouchApiKeyAsync(candidate.Id, at, CancellationToken.None);
                }
                break;
            }
        }

        if (_cache.Count >= MaxCachedKeys)
        {
            _cache.Clear(); // unknown keys must not grow the cache without bound
        }
        _cache[key] = new CachedAnswer(account, now + (long)CacheFor.TotalMilliseconds);
        return account;
    }
}
