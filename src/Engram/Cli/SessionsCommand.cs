using Engram.Client;

namespace Engram.Cli;

/// `engram sessions list|get|create|end|delete`.
internal static class SessionsCommand
{
    public static string[]? OptionsFor(string verb) => verb switch
    {
        "list" => ["--customer", "--limit", "--next", "--previous"],
        "create" => ["--id", "--customer"],
        "get" or "end" or "delete" => [],
        _ => null,
    };

    public static async Task<int> RunAsync(string verb, EngramClient client, CommandLine line, TextWriter output,
        CancellationToken cancellationToken)
    {
        var json = line.Flag("--json");
        switch (verb)
        {
            case "list":
                var request = new ListSessionsRequest
                {
                    CustomerUserId = line.Option("--customer"),
                    Limit = ClientCommand.Limit(line),
                    NextToken = line.Option("--next"),
                    PreviousToken = line.Option("--previous"),
                };
                await ClientCommand.ListAsync(line, output,
                    () => client.Sessions.ListAllAsync(request, cancellationToken), () => client.Sessions.ListAsync(request, cancellationToken),
                    CliJson.Default.Session, CliJson.Default.SessionList, Table(output), session => WriteRowAsync(output, session));
                return 0;
            case "get":
                await WriteAsync(output, json, await client.Sessions.GetAsync(Id(line), cancellationToken));
                return 0;
            case "create":
                var created = await client.Sessions.CreateAsync(new CreateSessionRequest
                {
                    Id = line.Option("--id"),
                    CustomerUserId = line.Option("--customer"),
                    Metadata = line.Positional.Count == 0 ? null : [.. line.Positional.Select(Metadata)],
                }, cancellationToken);
                await WriteAsync(output, json, created);
                return 0;
            case "end":
                await WriteAsync(output, json, await client.Sessions.EndAsync(Id(line), cancellationToken));
                return 0;
            default:
                var id = Id(line);
                await client.Sessions.DeleteAsync(id, cancellationToken);
                await (json ? ClientCommand.WriteJsonAsync(output, new DeletedRecord(id, true), CliJson.Default.DeletedRecord)
                    : output.WriteLineAsync($"Deleted session {id} and its messages."));
                return 0;
        }
    }

    private static string Id(CommandLine line) => ClientCommand.Single(line, "sessions", "session id");

    /// `channel=phone` → {key: "channel", value: "phone"}; the value may itself hold '='.
    private static MetadataItem Metadata(string pair) => pair.IndexOf('=', StringComparison.Ordinal) is > 0 and var at
        ? new MetadataItem(pair[..at], pair[(at + 1)..])
        : throw new UsageException($"metadata must be KEY=VALUE, not '{pair}'");

    private static TableWriter Table(TextWriter output) =>
        new(output, ("ID", 40), ("CUSTOMER", 20), ("CREATED", 22), ("ENDED", 22), ("METADATA", 0));

    private static Task WriteRowAsync(TextWriter output, Session session) =>
        Table(output).WriteRowAsync(session.Id, session.CustomerUserId ?? "-", TableWriter.Time(session.CreatedAt),
            TableWriter.Time(session.EndedAt), string.Join(' ', session.Metadata.Select(m => $"{m.Key}={m.Value}")));

    private static Task WriteAsync(TextWriter output, bool json, Session session) => json
        ? ClientCommand.WriteJsonAsync(output, session, CliJson.Default.Session)
        : TableWriter.WriteFieldsAsync(output,
            ("id", session.Id),
            ("userID", session.UserId),
            ("customerUserID", session.CustomerUserId),
            ("metadata", string.Join(' ', session.Metadata.Select(m => $"{m.Key}={m.Value}"))),
            ("createdAt", TableWriter.Time(session.CreatedAt)),
            ("updatedAt", TableWriter.Time(session.UpdatedAt)),
            ("endedAt", TableWriter.Time(session.EndedAt)));
}
