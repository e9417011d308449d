using Engram.Storage;
using Engram.Webhooks;

namespace Engram.Cli;

/// `engram webhooks secret [--account NAME]`: the secret an account's status webhooks are signed
/// with, straight from the database (made on first use, the same on every node).
public static class WebhooksCommand
{
    public const string Usage = "usage: engram webhooks secret [--account NAME] [--database CONN]";

    public static async Task<int> RunAsync(CommandLine line, TextWriter output, TextWriter error)
    {
        if (line.Positional is not ["secret"])
        {
            throw new UsageException(Usage);
        }
        var account = line.Option("--account") ?? Auth.StartupKey.DefaultAccount;
        if (string.IsNullOrWhiteSpace(account) || account.Length > 128)
        {
            throw new UsageException("--account must be 1-128 characters");
        }
        var database = SettingsLoader.Database(line, SettingsLoader.ProcessEnvironment(), Directory.GetCurrentDirectory());
        if (DatabaseLocation.SqliteFile(database) is { } file && !File.Exists(file))
        {
            await error.WriteLineAsync($"engram: {Setting.Database.Name}: no database at '{file}'");
            return 1;
        }
        await using var store = StoreFactory.Open(database);
        await store.MigrateAsync();
        await output.WriteLineAsync($"Webhook signing secret of the account '{account}' (X-Engram-Signature: t=…,v1=HMAC-SHA256 of \"t.body\"):");
        await output.WriteLineAsync(await WebhookSecrets.GetAsync(store, account, CancellationToken.None));
        return 0;
    }
}
