using Engram.Cli;

namespace Engram.Tests;

/// `engram webhooks secret`: one secret per account, the same every time, from the database itself.
public sealed class WebhooksCommandTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engram-webhooks-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_secret_is_made_once_per_account_and_printed_alone_on_the_last_line()
    {
        var database = Path.Combine(_directory, "engram.db");
        Assert.Equal(0, await KeysCommand.RunAsync(CommandLine.Parse(["create", "--database", database], ["--database", "--account"]),
            TextWriter.Null, TextWriter.Null));
        var first = await SecretAsync(["secret", "--account", "acme", "--database", database]);
        Assert.Matches("^whsec_[0-9a-f]{64}$", first);
        Assert.Equal(first, await SecretAsync(["secret", "--account", "acme", "--database", database]));
        Assert.NotEqual(first, await SecretAsync(["secret", "--database", database]));
        await using var store = Storage.StoreFactory.Open(database);
        Assert.Equal(first, await Webhooks.WebhookSecrets.GetAsync(store, "acme", CancellationToken.None));
    }

    [Fact]
    public async Task A_missing_database_is_one_line_and_exit_1_and_a_bad_verb_is_a_usage_error()
    {
        var error = new StringWriter();
        var database = Path.Combine(_directory, "typo", "engram.db");
        Assert.Equal(1, await WebhooksCommand.RunAsync(CommandLine.Parse(["secret", "--database", database], ["--database", "--account"]),
            TextWriter.Null, error));
        Assert.Equal($"engram: --database / ENGRAM_DATABASE: no database at '{database}'", error.ToString().Trim());
        Assert.False(Directory.Exists(Path.Combine(_directory, "typo")));
        var usage = await Assert.ThrowsAsync<UsageException>(() =>
            WebhooksCommand.RunAsync(CommandLine.Parse(["rotate"], ["--database", "--account"]), TextWriter.Null, TextWriter.Null));
        Assert.Equal(WebhooksCommand.Usage, usage.Message);
    }

    private static async Task<string> SecretAsync(string[] args)
    {
        var output = new StringWriter();
        Assert.Equal(0, await WebhooksCommand.RunAsync(CommandLine.Parse(args, ["--database", "--account"]), output, TextWriter.Null));
        return output.ToString().TrimEnd().Split('\n')[^1];
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
