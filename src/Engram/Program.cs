using Engram;
using Engram.Cli;
using Engram.Operations;

// engram [serve] [--urls URL] [--database CONN] [--rate-limit N]
// engram keys create [--account NAME] | keys list | keys revoke PREFIX   [--database CONN]
// engram sessions|messages|users VERB … [--url URL] [--key KEY] [--json]   (over HTTP, through Engram.Client)
// engram files|memories VERB … | ask MEMORY "QUESTION"   (the same, for the memory half)
string[] serveOptions = ["--database", "--urls", "--rate-limit"];
try
{
    return args switch
    {
        ["keys", .. var rest] => await KeysCommand.RunAsync(
            CommandLine.Parse(rest, ["--database", "--account"]), Console.Out, Console.Error),
        ["sessions" or "messages" or "users", ..] => await ClientCommand.RunAsync(args, Console.Out, Console.Error),
        ["files" or "memories" or "ask", ..] => await MemoryCommand.RunAsync(args, Console.Out, Console.Error),
        ["serve", .. var rest] => await ServeAsync(CommandLine.Parse(rest, serveOptions)),
        [] or [['-', '-', ..], ..] => await ServeAsync(CommandLine.Parse(args, serveOptions)),
        _ => throw new UsageException($"unknown command '{args[0]}' (expected serve, keys, sessions, messages or users)"),
    };
}
catch (Exception e) when (e is UsageException or ArgumentException or InvalidOperationException or IOException or FormatException
    or System.Data.Common.DbException)
{
    // A bad setting stops the start with one clear line.
    await Console.Error.WriteLineAsync($"engram: {e.Message}");
    return e is UsageException ? 2 : 1;
}

static async Task<int> ServeAsync(CommandLine line)
{
    RequestLogging.BufferConsoleOutput();
    await using var app = await EngramApp.CreateAsync(EngramSettings.From(line), Console.Out);
    await app.RunAsync();
    return 0;
}
