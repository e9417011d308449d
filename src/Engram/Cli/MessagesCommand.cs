using Engram.Client;

namespace Engram.Cli;

/// `engram messages list|get|create|delete`.
internal static class MessagesCommand
{
    public static string[]? OptionsFor(string verb) => verb switch
    {
        "list" => ["--session", "--customer", "--role", "--limit", "--next", "--previous"],
        "create" => ["--session", "--role", "--customer", "--id"],
        "get" or "delete" => [],
        _ => null,
    };

    public static async Task<int> RunAsync(string verb, EngramClient client, CommandLine line, TextWriter output,
        CancellationToken cancellationToken)
    {
        var json = line.Flag("--json");
        switch (verb)
        {
            case "list":
                var request = new ListMessagesRequest
                {
                    SessionId = line.Option("--session"),
                    CustomerUserId = line.Option("--customer"),
                    Role = line.Option("--role"),
                    Limit = ClientCommand.Limit(line),
                    NextToken = line.Option("--next"),
                    PreviousToken = line.Option("--previous"),
                };
                await ClientCommand.ListAsync(line, output,
                    () => client.Messages.ListAllAsync(request, cancellationToken), () => client.Messages.ListAsync(request, cancellationToken),
                    CliJson.Default.Message, CliJson.Default.MessageList, Table(output), message => WriteRowAsync(output, message),
                    page => $"{page.Count} of {page.TotalCount} messages");
                return 0;
            case "get":
                await WriteAsync(output, json, await client.Messages.GetAsync(Id(line), cancellationToken));
                return 0;
            case "create":
                var created = await client.Messages.CreateAsync(new CreateMessageRequest
                {
                    SessionId = line.Option("--session") ?? throw new UsageException("messages create needs --session ID"),
                    Role = line.Option("--role") ?? throw new UsageException("messages create needs --role ROLE"),
                    Content = ClientCommand.Single(line, "messages", "message content"),
                    CustomerUserId = line.Option("--customer"),
                    Id = line.Option("--id"),
                }, cancellationToken);
                await WriteAsync(output, json, created);
                return 0;
            default:
                var id = Id(line);
                await client.Messages.DeleteAsync(id, cancellationToken);
                await (json ? ClientCommand.WriteJsonAsync(output, new DeletedRecord(id, true), CliJson.Default.DeletedRecord)
                    : output.WriteLineAsync($"Deleted message {id}."));
                return 0;
        }
    }

    private static string Id(CommandLine line) => ClientCommand.Single(line, "messages", "message id");

    private static TableWriter Table(TextWriter output) =>
        new(output, ("ID", 40), ("SESSION", 40), ("ROLE", 11), ("CREATED", 22), ("CONTENT", 0));

    private static Task WriteRowAsync(TextWriter output, Message message) =>
        Table(output).WriteRowAsync(message.Id, message.SessionId, message.Role, TableWriter.Time(message.CreatedAt), message.Content);

    private static Task WriteAsync(TextWriter output, bool json, Message message) => json
        ? ClientCommand.WriteJsonAsync(output, message, CliJson.Default.Message)
        : TableWriter.WriteFieldsAsync(output,
            ("id", message.Id),
            ("sessionID", message.SessionId),
            ("role", message.Role),
            ("customerUserID", message.CustomerUserId),
            ("createdAt", TableWriter.Time(message.CreatedAt)),
            ("content", message.Content));
}
