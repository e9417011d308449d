using Engram.Cli;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engram.Tests;

/// What a newcomer sees: help, the lines a start prints, and `keys` on a path that is not there.
public sealed class FirstRunTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "engram-first-run-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    public async Task Help_lists_every_command_with_its_options_variables_and_an_example(string asked)
    {
        var output = new StringWriter();
        Assert.True(HelpCommand.IsAsked([asked]));
        Assert.Equal(0, await HelpCommand.RunAsync([asked], output));
        var text = output.ToString();
        foreach (var command in new[] { "engram [serve]", "engram keys create", "engram sessions list", "engram messages create", "engram users create" })
        {
            Assert.Contains(command, text);
        }
        Assert.Equal(9, text.Split("Example: ").Length - 1);
        Assert.All(Setting.All, setting => Assert.Contains(setting.Key, text));
        Assert.Contains("ENGRAM_URL", text);
        Assert.Contains("ENGRAM_API_KEY", text);
    }

    [Theory]
    [InlineData("sessions", "sessions", "--help")]
    [InlineData("messages", "messages", "create", "-h")]
    [InlineData("users", "help", "users")]
    [InlineData("keys", "keys", "--help")]
    [InlineData("serve", "serve", "--help")]
    [InlineData("serve", "help", "serve")]
    public async Task Help_for_one_command_shows_that_command_only(string command, params string[] args)
    {
        var output = new StringWriter();
        Assert.True(HelpCommand.IsAsked(args));
        Assert.Equal(0, await HelpCommand.RunAsync(args, output));
        var text = output.ToString();
        Assert.StartsWith(command == "serve" ? "engram [serve]" : $"engram {command} ", text);
        Assert.Equal(1, text.Split("Example: ").Length - 1);
        Assert.All(new[] { "serve", "keys", "sessions", "messages", "users" }.Where(c => c != command),
            other => Assert.DoesNotContain($"engram {other} ", text));
    }

    [Fact]
    public async Task Help_for_an_unknown_command_is_a_usage_error()
    {
        var error = await Assert.ThrowsAsync<UsageException>(() => HelpCommand.RunAsync(["help", "frob"], TextWriter.Null));
        Assert.Equal("unknown command 'frob' (expected serve, keys, webhooks, sessions, messages, users, files, memories, ask)", error.Message);
    }

    [Fact]
    public async Task Version_prints_one_line()
    {
        var output = new StringWriter();
        Assert.Equal(0, await HelpCommand.RunAsync(["--version"], output));
        Assert.Matches(@"^engram \d+\.\d+\.\d+\S*\n$", output.ToString().ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("list")]
    [InlineData("revoke", "ek_abcdefghi")]
    public async Task Keys_on_a_database_that_does_not_exist_say_so_and_create_nothing(params string[] args)
    {
        var database = Path.Combine(_directory, "typo", "engram.db");
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await KeysCommand.RunAsync(CommandLine.Parse([.. args, "--database", database], ["--database", "--account"]), output, error);
        Assert.Equal(1, exit);
        Assert.Equal($"engram: --database / ENGRAM_DATABASE: no database at '{database}'\n", error.ToString().ReplaceLineEndings("\n"));
        Assert.Empty(output.ToString());
        Assert.False(Directory.Exists(Path.Combine(_directory, "typo")));
    }

    [Fact]
    public async Task Keys_create_makes_the_database_and_list_then_finds_it()
    {
        var database = Path.Combine(_directory, "engram.db");
        var created = new StringWriter();
        Assert.Equal(0, await KeysCommand.RunAsync(CommandLine.Parse(["create", "--database", database], ["--database", "--account"]), created, TextWriter.Null));
        Assert.Contains($"Database: SQLite {database}", created.ToString());
        var listed = new StringWriter();
        Assert.Equal(0, await KeysCommand.RunAsync(CommandLine.Parse(["list", "--database", database], ["--database", "--account"]), listed, TextWriter.Null));
        Assert.Contains(" default ", listed.ToString());
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_start_prints_the_absolute_database_the_key_prefix_and_the_address_it_serves()
    {
        const string key = "first-run-key-0123456789abc";
        var output = new StringWriter();
        var settings = new EngramSettings(Path.Combine(_directory, "engram.db"), "http://127.0.0.1:0", key, LogLevel.Warning)
        {
            Ingestion = new() { AllowPrivateNetworks = true, Workers = 0 },
            Embeddings = new() { Endpoint = "http://127.0.0.1:9/v1", Model = "test-embedder" },
        };
        await using (var app = await EngramApp.CreateAsync(settings, output))
        {
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            Assert.Equal(
                [
                    $"Database: SQLite {Path.Combine(_directory, "engram.db")} (new, created now)",
                    $"The configured API key (prefix {key[..9]}) was added for the account 'default'.",
                    $"Listening on {address}",
                ],
                output.ToString().ReplaceLineEndings("\n").TrimEnd().Split('\n'));
            Assert.DoesNotContain(key, output.ToString());

            // Each section is there for features to take as options.
            Assert.True(app.Services.GetRequiredService<IOptions<IngestionOptions>>().Value.AllowPrivateNetworks);
            Assert.Equal(104857600, app.Services.GetRequiredService<IOptions<FilesOptions>>().Value.MaxUploadBytes);
            Assert.Equal("http://127.0.0.1:9/v1",
                app.Services.GetRequiredKeyedService<IOptions<ModelEndpointOptions>>(ModelEndpointOptions.EmbeddingsKey).Value.Endpoint);
            Assert.Null(app.Services.GetRequiredKeyedService<IOptions<ModelEndpointOptions>>(ModelEndpointOptions.LlmKey).Value.Endpoint);
            await app.StopAsync();
        }

        var again = new StringWriter();
        await using (var app = await EngramApp.CreateAsync(settings, again))
        {
            Assert.StartsWith($"Database: SQLite {Path.Combine(_directory, "engram.db")}\n", again.ToString().ReplaceLineEndings("\n"));
            Assert.Contains($"The configured API key (prefix {key[..9]}) exists for the account 'default'.", again.ToString());
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    [Fact]
    public async Task A_database_that_cannot_be_opened_is_one_line_naming_the_setting()
    {
        Directory.CreateDirectory(_directory);
        var file = Path.Combine(_directory, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");
        var database = Path.Combine(file, "engram.db");
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            EngramApp.CreateAsync(new EngramSettings(database, "http://127.0.0.1:0", null), TextWriter.Null));
        Assert.StartsWith($"--database / ENGRAM_DATABASE: cannot open '{database}' (", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }
}
