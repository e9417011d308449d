using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Engram.Files;

/// Signed upload URLs: `PUT /files/upload/<key>?expires=<unix seconds>&signature=<hex>`, where the
/// signature is HMAC-SHA256 over the key and the expiry under a secret every node shares (stored in
/// the database), so a URL minted by one node is accepted by any other and nobody can make one.
public sealed class UploadUrls(byte[] secret)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public string Sign(string key, DateTime now)
    {
        var expires = new DateTimeOffset(now + Lifetime).ToUnixTimeSeconds();
        return $"expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Signature(key, expires)}";
    }

    /// The upload URL for `key` on `baseUrl`: the path keeps the key's segments (escaped), so its last
    /// segment ends in the file's extension, which duohub-py reads to set the Content-Type.
    public string UrlFor(string baseUrl, string key, DateTime now)
    {
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        return $"{baseUrl.TrimEnd('/')}/files/upload/{path}?{Sign(key, now)}";
    }

    public bool IsValid(string key, string? expires, string? signature, DateTime now)
    {
        if (!long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || signature is not { Length: 64 }
            || seconds < new DateTimeOffset(now).ToUnixTimeSeconds())
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Signature(key, seconds)), Encoding.ASCII.GetBytes(signature.ToLowerInvariant()));
    }

    private string Signature(string key, long expires) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes($"PUT\n{key}\n{expires.ToString(CultureInfo.InvariantCulture)}")));
}
