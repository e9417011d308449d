using System.Reflection;

namespace Engram.Cli;

/// `engram --help`, `-h`, `help [COMMAND]`, `COMMAND --help` and `--version`: what a first run
/// needs to get going, each command with its options, variables and one example.
public static class HelpCommand
{
    private static readonly string[] Commands = ["serve", "keys", "webhooks", "sessions", "messages", "users", "files", "memories", "ask"];

    public static bool IsAsked(string[] args) =>
        args is ["help", ..] or ["--version" or "version"] || args.Any(a => a is "--help" or "-h");

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (args is ["--version" or "version"])
        {
            await output.WriteLineAsync($"engram {Version}");
            return 0;
        }
        var command = args switch
        {
            ["help", var named, ..] => named,
            [var first, ..] when Commands.Contains(first) => first,
            [var first, ..] when first is "help" or "--help" or "-h" || first.StartsWith("--", StringComparison.Ordinal) => null,
            _ => throw new UsageException($"unknown command '{args[0]}' (expected {string.Join(", ", Commands)} or help)"),
        };
        if (command is null)
        {
            await output.WriteLineAsync($"engram {Version}: a memory server for voice-AI and chat agents that speaks the duohub Retriever API.");
            foreach (var each in Commands)
            {
                await output.WriteLineAsync();
                await output.WriteAsync(Text(each));
            }
            await output.WriteLineAsync();
            await output.WriteLineAsync("engram COMMAND --help shows one command; engram --version the version.");
            return 0;
        }
        if (!Commands.Contains(command))
        {
            throw new UsageException($"unknown command '{command}' (expected {string.Join(", ", Commands)})");
        }
        await output.WriteAsync(Text(command));
        return 0;
    }

    private static string Version =>
        typeof(HelpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    private static string Text(string command) => command switch
    {
        "serve" => ServeText(),
        "keys" => """
            engram keys create [--account NAME] [--database CONN]   a new key; printed once, alone on the last line
            engram keys list [--database CONN]                      prefix, account, created, last used, revoked
            engram keys revoke PREFIX [--database CONN]             refused everywhere within a second
              Straight on the database: --database / ENGRAM_DATABASE / Engram:Database (default ./data/engram.db).
              list and revoke need a database that exists; create makes one if there is none.
              Example: engram keys create --account acme

            """,
        "webhooks" => """
            engram webhooks secret [--account NAME] [--database CONN]   the secret the account's status webhooks are signed with
              X-Engram-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">, keyed with the secret's UTF-8 bytes.
              Example: engram webhooks secret --account acme

            """,
        _ => ClientText(command),
    };

    private static string ServeText()
    {
        var text = new System.Text.StringBuilder("""
            engram [serve] [--urls URL] [--database CONN] [--rate-limit N] [--public-url URL] [--Engram:SECTION:KEY VALUE]
              Runs the server. Each setting is read from appsettings.json, then from variables in the framework's
              form (Engram__Files__MaxUploadBytes), then the short variables, then the flags; the last one wins.

            """);
        foreach (var setting in Setting.All)
        {
            var forms = string.Join(" / ", new[] { setting.Flag, setting.Variable, setting.Key }.Where(f => f is not null));
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"    {forms}    default: {setting.Default}\n");
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"        {setting.Description.Replace("`", "", StringComparison.Ordinal)}\n");
        }
        text.Append("""
              ENGRAM_API_KEY still sets the server's key, with a warning: it is the key the CLI sends.
              Example: ENGRAM_SERVER_API_KEY=$(openssl rand -hex 16) engram serve --urls http://0.0.0.0:5080 --database ./data/engram.db

            """);
        return text.ToString();
    }

    private static string ClientText(string resource) => $"""
        {Synopsis(resource)}
          Over HTTP, through Engram.Client: --url URL / ENGRAM_URL (default {ClientCommand.DefaultUrl}),
          --key KEY / ENGRAM_API_KEY (the key to send); --json prints the API's data for scripts.
          Example: {Example(resource)}

        """;

    private static string Synopsis(string resource) => resource switch
    {
        "messages" => """
            engram messages list [--session ID] [--customer ID] [--role ROLE] [--limit N] [--next T | --previous T] [--all]
            engram messages get ID | delete ID
            engram messages create --session ID --role ROLE [--customer ID] [--id ID] "CONTENT"
            """,
        "files" => """
            engram files upload PATH [--name N] [--type T] [--id ID]           upload URL, PUT, file record, in one go
            engram files add-url URL [--name N] [--type website|sitemap|website_bulk] [--id ID]
            engram files list [--category audio|video|web|document|other|all] [--limit N] [--next T | --previous T] [--all]
            engram files get ID | delete ID
            """,
        "memories" => """
            engram memories create NAME --type vector|graph [--ontology culture|essays|support_requests] [--description D]
                                   [--chunk-size N] [--chunk-overlap N] [--webhook URL] [--fact-extraction] [--acceleration] [--id ID]
            engram memories add-files MEMORY FILE… | delete-file MEMORY FILE
            engram memories ingest MEMORY [--wait]                             --wait shows a progress line until it ends
            engram memories list | samples MEMORY   [--limit N] [--next T | --previous T] [--all]
            engram memories facts MEMORY [--entity NAME|ID] | entities MEMORY   [--limit N] [--next T | --previous T] [--all]
            engram memories get ID | delete ID
            """,
        "ask" => """
            engram ask MEMORY "QUESTION" [--top-k N] [--facts] [--assisted]    GET /memory: the best chunks, facts, sources
            """,
        "users" => """
            engram users list [--limit N] [--next T | --previous T] [--all]
            engram users get ID | delete ID
            engram users create --first NAME --last NAME [--email E] [--phone P] [--id ID]
            """,
        _ => """
            engram sessions list [--customer ID] [--limit N] [--next TOKEN | --previous TOKEN] [--all]
            engram sessions get ID | end ID | delete ID
            engram sessions create [--id ID] [--customer ID] [KEY=VALUE…]      (KEY=VALUE pairs are metadata)
            """,
    };

    private static string Example(string resource) => resource switch
    {
        "messages" => "engram messages create --session call-0001 --role user \"Hi, I would like to move my booking.\"",
        "users" => "engram users create --first Ada --last Lovelace --id cust-42",
        "files" => "engram files upload ./handbook.pdf",
        "memories" => "engram memories ingest mem-1 --wait",
        "ask" => "engram ask mem-1 \"What is the refund policy?\" --top-k 3",
        _ => "engram sessions list --customer cust-42 --limit 10",
    };
}
