using System.Globalization;
using Engram.Client;

namespace Engram.Cli;

/// `engram ask MEMORY "question" [--top-k N] [--facts] [--assisted]`: GET /memory, printed for people
/// (best first, with scores and sources) or, with --json, exactly as the API answered.
internal static class AskCommand
{
    public static (string[] Options, string[] Flags) Options => (["--top-k"], ["--facts", "--assisted"]);

    public static async Task<int> RunAsync(EngramClient client, CommandLine line, TextWriter output, CancellationToken cancellationToken)
    {
        if (line.Positional is not [var memory, var question])
        {
            throw new UsageException($"ask: expected a memory and one question (quote it). {MemoryCommand.Usage("ask")}");
        }
        var answer = await client.QueryAsync(new MemoryQueryRequest
        {
            MemoryId = memory,
            Query = question,
            TopK = MemoryCommand.Integer(line, "--top-k"),
            Facts = line.Flag("--facts") ? true : null,
            Assisted = line.Flag("--assisted") ? true : null,
        }, cancellationToken);
        if (line.Flag("--json"))
        {
            await ClientCommand.WriteJsonAsync(output, answer, CliJson.Default.MemoryAnswer);
            return 0;
        }
        if (answer.Payload.Count == 0)
        {
            await output.WriteLineAsync("Nothing in this memory answers that (yet: is it ingested?).");
        }
        foreach (var item in answer.Payload)
        {
            await output.WriteLineAsync($"[{Score(item.Score)}] {item.Content}");
        }
        foreach (var fact in answer.Facts)
        {
            await output.WriteLineAsync($"fact: {fact.Content}");
        }
        foreach (var source in answer.Sources)
        {
            await output.WriteLineAsync($"source: {source.Name} ({source.Url ?? source.Id}) {Score(source.Score)}");
        }
        return 0;
    }

    private static string Score(double score) => score.ToString("0.000", CultureInfo.InvariantCulture);
}
