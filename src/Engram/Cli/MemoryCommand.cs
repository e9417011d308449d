namespace Engram.Cli;

/// `engram files|memories VERB …` and `engram ask MEMORY "question"`: the memory half of the API
/// from the command line, over HTTP through Engram.Client like `engram sessions`.
public static class MemoryCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error,
        CancellationToken cancellationToken = default)
    {
        // `ask` has no verb: its first argument is the memory, so it parses as a whole.
        var (resource, verb, rest) = args switch
        {
            ["ask", .. var tail] => ("ask", "ask", tail),
            [var first, var second, .. var tail] => (first, second, tail),
            _ => throw new UsageException(Usage(args.Length > 0 ? args[0] : "memories")),
        };
        var (options, flags) = resource switch
        {
            "files" => FilesCommand.OptionsFor(verb),
            "memories" => MemoriesCommand.OptionsFor(verb),
            "ask" => AskCommand.Options,
            _ => ((string[], string[])?)null,
        } ?? throw new UsageException(Usage(resource));
        var line = CommandLine.Parse(rest, [.. options, "--url", "--key"], [.. flags, "--json"]);

        return await ClientCommand.WithClientAsync(line, error, client => resource switch
        {
            "files" => FilesCommand.RunAsync(verb, client, line, output, cancellationToken),
            "memories" => MemoriesCommand.RunAsync(verb, client, line, output, cancellationToken),
            _ => AskCommand.RunAsync(client, line, output, cancellationToken),
        });
    }

    public static string Usage(string resource) => resource switch
    {
        "files" => "usage: engram files upload PATH [--name N] [--type T] [--id ID]"
            + " | add-url URL [--name N] [--type website|sitemap|website_bulk] [--id ID]"
            + " | list [--category C] [--limit N] [--next T | --previous T] [--all] | get ID | delete ID   [--url URL] [--key KEY] [--json]",
        "ask" => "usage: engram ask MEMORY \"QUESTION\" [--top-k N] [--facts] [--assisted]   [--url URL] [--key KEY] [--json]",
        _ => "usage: engram memories create NAME --type vector|graph [--ontology O] [--description D] [--chunk-size N]"
            + " [--chunk-overlap N] [--webhook URL] [--fact-extraction] [--acceleration] [--id ID]"
            + " | add-files MEMORY FILE… | delete-file MEMORY FILE | ingest MEMORY [--wait]"
            + " | list [--limit N] [--next T | --previous T] [--all] | samples MEMORY [--limit N] [--next T | --previous T] [--all]"
            + " | get ID | delete ID   [--url URL] [--key KEY] [--json]",
    };

    /// The positional arguments a verb takes, exactly `count` of them.
    internal static List<string> Positional(CommandLine line, string resource, int count, string what) =>
        line.Positional.Count == count ? line.Positional
            : throw new UsageException($"{resource}: expected {what}. {Usage(resource)}");

    internal static int? Integer(CommandLine line, string option) => line.Option(option) switch
    {
        null => null,
        var text when int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) => value,
        var text => throw new UsageException($"{option} must be a whole number, not '{text}'"),
    };
}
