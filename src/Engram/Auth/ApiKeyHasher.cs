using System.Security.Cryptography;
using System.Text;

namespace Engram.Auth;

/// API keys are 160+ bits of randomness, so one SHA-256 is a safe hash: there is nothing to
/// brute-force that a slow password hash would protect. Only the hash and a short prefix
/// (for lookup and for `keys list`) are stored.
public static class ApiKeyHasher
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string GeneratedPrefix = "ek_";
    private const int SecretLength = 40;
    private const int PrefixLength = 12;

    public static string NewKey() => GeneratedPrefix + RandomNumberGenerator.GetString(Alphabet, SecretLength);

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// The lookup prefix: the first 12 characters of a generated key ("ek_" and 9 random ones).
    /// A key given through ENGRAM_API_KEY may be short, so the prefix never exceeds a third of it.
    public static string PrefixOf(string key) => key[..Math.Min(PrefixLength, key.Length / 3)];

    public static bool Matches(string key, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(Hash(key), storedHash);
}
