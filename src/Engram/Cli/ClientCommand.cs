using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Engram.Client;

namespace Engram.Cli;

/// `engram sessions|messages|users VERB …`: the API from the command line, over HTTP through
/// Engram.Client, so it works against any Engram (or duohub) it can reach, not only a local database.
public static class ClientCommand
{
    public const string DefaultUrl = "http://localhost:5080";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        if (args is not [var resource, var verb, .. var rest])
        {
            throw new UsageException(Usage(args.Length > 0 ? args[0] : "sessions"));
        }
        var options = resource switch
        {
            "sessions" => SessionsCommand.OptionsFor(verb),
            "messages" => MessagesCommand.OptionsFor(verb),
            "users" => UsersCommand.OptionsFor(verb),
            _ => null,
        } ?? throw new UsageException(Usage(resource));
        var line = CommandLine.Parse(rest, [.. options, "--url", "--key"], verb == "list" ? ["--json", "--all"] : ["--json"]);
        if (line.Option("--next") is not null && line.Option("--previous") is not null)
        {
            throw new UsageException("--next and --previous go one way each: give one of them, not both");
        }
        Limit(line); // checked here, before any request

        return await WithClientAsync(line, error, client => resource switch
        {
            "sessions" => SessionsCommand.RunAsync(verb, client, line, output, cancellationToken),
            "messages" => MessagesCommand.RunAsync(verb, client, line, output, cancellationToken),
            _ => UsersCommand.RunAsync(verb, client, line, output, cancellationToken),
        });
    }

    /// Runs one command with a client for `--url` / ENGRAM_URL and `--key` / ENGRAM_API_KEY. An error
    /// answer, or a server that cannot be reached, is one line on standard error and exit 1.
    internal static async Task<int> WithClientAsync(CommandLine line, TextWriter error, Func<EngramClient, Task<int>> run)
    {
        var url = line.Option("--url") ?? Environment("ENGRAM_URL") ?? DefaultUrl;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseAddress) || baseAddress.Scheme is not ("http" or "https"))
        {
            throw new UsageException($"--url must be an http:// or https:// address, not '{url}'");
        }
        using var http = new HttpClient();
        var client = new EngramClient(http, new EngramClientOptions
        {
            BaseAddress = baseAddress,
            ApiKey = line.Option("--key") ?? Environment("ENGRAM_API_KEY") ?? "",
        });
        try
        {
            return await run(client);
        }
        catch (EngramException e)
        {
            await error.WriteLineAsync($"engram: {e.Error} ({(int)e.StatusCode} {e.Status ?? "error"})");
            return 1;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"engram: cannot reach {baseAddress}: {e.Message}");
            return 1;
        }
    }

    public static string Usage(string resource) => resource switch
    {
        "messages" => "usage: engram messages list [--session ID] [--customer ID] [--role ROLE] [--limit N] [--next T | --previous T] [--all]"
            + " | get ID | create --session ID --role ROLE [--customer ID] [--id ID] CONTENT | delete ID   [--url URL] [--key KEY] [--json]",
        "users" => "usage: engram users list [--limit N] [--next T | --previous T] [--all] | get ID"
            + " | create --first NAME --last NAME [--email E] [--phone P] [--id ID] | delete ID   [--url URL] [--key KEY] [--json]",
        _ => "usage: engram sessions list [--customer ID] [--limit N] [--next T | --previous T] [--all] | get ID"
            + " | create [--id ID] [--customer ID] [KEY=VALUE…] | end ID | delete ID   [--url URL] [--key KEY] [--json]",
    };

    /// The one positional argument a verb takes (an id, or a message's content).
    internal static string Single(CommandLine line, string resource, string what) =>
        line.Positional is [var only] ? only : throw new UsageException($"{resource}: expected one {what}. {Usage(resource)}");

    /// The API's own bound (1-100), so a mistake is a usage error before any request.
    internal static int? Limit(CommandLine line) => line.Option("--limit") switch
    {
        null => null,
        var text when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= Validation.Limits.MaxPageSize => limit,
        var text => throw new UsageException($"--limit must be a whole number from 1 to {Validation.Limits.MaxPageSize}, not '{text}'"),
    };

    internal static Task WriteJsonAsync<T>(TextWriter output, T value, JsonTypeInfo<T> type) =>
        output.WriteLineAsync(JsonSerializer.Serialize(value, type));

    /// `list`: one page, as a table followed by the tokens either side or as the page's JSON; or,
    /// with `--all`, every item as it streams in (rows, or JSON Lines with `--json`).
    internal static async Task ListAsync<TItem, TPage>(CommandLine line, TextWriter output,
        Func<IAsyncEnumerable<TItem>> everyItem, Func<Task<TPage>> onePage,
        JsonTypeInfo<TItem> itemJson, JsonTypeInfo<TPage> pageJson, TableWriter table, Func<TItem, Task> writeRow,
        Func<TPage, string>? footer = null)
        where TPage : IPage<TItem>
    {
        var json = line.Flag("--json");
        if (line.Flag("--all"))
        {
            if (!json)
            {
                await table.WriteHeaderAsync();
            }
            await foreach (var item in everyItem())
            {
                await (json ? WriteJsonAsync(output, item, itemJson) : writeRow(item));
            }
            return;
        }
        var page = await onePage();
        if (json)
        {
            await WriteJsonAsync(output, page, pageJson);
            return;
        }
        await table.WriteHeaderAsync();
        foreach (var item in page.Items)
        {
            await writeRow(item);
        }
        if (footer is not null)
        {
            await output.WriteLineAsync(footer(page));
        }
        await WriteLinksAsync(output, page);
    }

    /// After one page in table form: the tokens to pass back for the pages either side.
    internal static async Task WriteLinksAsync<T>(TextWriter output, IPage<T> page)
    {
        if (page.NextToken is { } next)
        {
            await output.WriteLineAsync($"next page:      --next {next}");
        }
        if (page.PreviousToken is { } previous)
        {
            await output.WriteLineAsync($"previous page:  --previous {previous}");
        }
    }

    private static string? Environment(string name) =>
        System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value ? value : null;
}
