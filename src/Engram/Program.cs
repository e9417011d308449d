using Engram;
using Engram.Cli;
using Engram.Operations;

// engram [serve] [--urls URL] [--database CONN] [--rate-limit N] [--public-url URL] [--Engram:SECTION:KEY VALUE]
// engram keys create [--account NAME] | keys list | keys revoke PREFIX   [--database CONN]
// engram webhooks secret [--account NAME] [--database CONN]
// engram sessions|messages|users VERB … [--url URL] [--key KEY] [--json]   (over HTTP, through Engram.Client)
// engram files|memories VERB … | ask MEMORY "QUESTION"   (the same, for the memory half)
// engram --help | -h | help [COMMAND] | COMMAND --help | --version
try
{
    return args switch
    {
        _ when HelpCommand.IsAsked(args) => await HelpCommand.RunAsync(args, Console.Out),
        ["keys", .. var rest] => await KeysCommand.RunAsync(
            CommandLine.Parse(rest, ["--database", "--account"]), Console.Out, Console.Error),
        ["webhooks", .. var rest] => await WebhooksCommand.RunAsync(
            CommandLine.Parse(rest, ["--database", "--account"]), Console.Out, Console.Error),
        ["sessions" or "messages" or "users", ..] => await ClientCommand.RunAsync(args, Console.Out, Console.Error),
        ["files" or "memories" or "ask", ..] => await MemoryCommand.RunAsync(args, Console.Out, Console.Error),
        ["serve", .. var rest] => await ServeAsync(rest),
        [] or [['-', '-', ..], ..] => await ServeAsync(args),
        _ => throw new UsageException($"unknown command '{args[0]}' (expected serve, keys, webhooks, sessions, messages, users, files, memories, ask or help)"),
    };
}
catch (Exception e) when (e is UsageException or ArgumentException or InvalidOperationException or IOException or FormatException
    or System.Data.Common.DbException)
{
    // A bad setting stops the start with one clear line.
    await Console.Error.WriteLineAsync($"engram: {e.Message}");
    return e is UsageException ? 2 : 1;
}

static async Task<int> ServeAsync(string[] args)
{
    var line = CommandLine.Parse(args, [.. Setting.All.Select(s => s.Flag).OfType<string>()], knownFlags: [], configurationKeys: true);
    if (line.Positional is [var stray, ..])
    {
        throw new UsageException($"unknown argument '{stray}' (engram serve --help lists the options)");
    }
    var warnings = new List<string>();
    var settings = SettingsLoader.Load(line, SettingsLoader.ProcessEnvironment(), Directory.GetCurrentDirectory(), warnings);
    // Beside the other start-up lines: standard error stays for the one line a failed start prints.
    warnings.ForEach(Console.Out.WriteLine);
    RequestLogging.BufferConsoleOutput();
    await using var app = await EngramApp.CreateAsync(settings, Console.Out);
    await app.RunAsync();
    return 0;
}
