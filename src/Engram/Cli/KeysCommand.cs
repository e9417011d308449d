using System.Globalization;
using Engram.Auth;
using Engram.Storage;

namespace Engram.Cli;

/// `engram keys create|list|revoke`: key administration straight on the database.
public static class KeysCommand
{
    public static async Task<int> RunAsync(CommandLine line, TextWriter output, TextWriter error)
    {
        var database = SettingsLoader.Database(line, SettingsLoader.ProcessEnvironment(), Directory.GetCurrentDirectory());
        if (line.Positional is ["list"] or ["revoke", _] && DatabaseLocation.SqliteFile(database) is { } file && !File.Exists(file))
        {
            // Listing or revoking on a mistyped path must not leave a new, empty database behind.
            await error.WriteLineAsync($"engram: {Setting.Database.Name}: no database at '{file}'");
            return 1;
        }
        await using var store = StoreFactory.Open(database);
        await store.MigrateAsync();
        switch (line.Positional)
        {
            case ["create"]:
            {
                var account = line.Option("--account") ?? StartupKey.DefaultAccount;
                if (string.IsNullOrWhiteSpace(account) || account.Length > 128)
                {
                    throw new UsageException("--account must be 1-128 characters");
                }
                var key = ApiKeyHasher.NewKey();
                await StartupKey.AddAsync(store, account, key, CancellationToken.None);
                await output.WriteLineAsync($"Database: {DatabaseLocation.Describe(database)}");
                await output.WriteLineAsync($"Created a key for the account '{account}' (prefix {ApiKeyHasher.PrefixOf(key)}). It is shown only this once:");
                await output.WriteLineAsync(key);
                return 0;
            }
            case ["list"]:
            {
                await output.WriteLineAsync($"{"PREFIX",-14}{"ACCOUNT",-24}{"CREATED",-26}{"LAST USED",-26}REVOKED");
                foreach (var key in await store.ListApiKeysAsync())
                {
                    await output.WriteLineAsync(
                        $"{key.Prefix,-14}{key.AccountId,-24}{Format(key.CreatedAt),-26}{Format(key.LastUsedAt),-26}{Format(key.RevokedAt)}");
                }
                return 0;
            }
            case ["revoke", var prefix]:
            {
                var revoked = await store.RevokeApiKeysAsync(prefix, UnixMs.Now());
                if (revoked == 0)
                {
                    await error.WriteLineAsync($"engram: no active key has the prefix {prefix}");
                    return 1;
                }
                await output.WriteLineAsync($"Revoked {revoked} key(s) with the prefix {prefix}.");
                return 0;
            }
            default:
                throw new UsageException("usage: engram keys create [--account NAME] | keys list | keys revoke PREFIX  [--database CONN]");
        }
    }

    private static string Format(DateTime? value) =>
        value?.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";
}
