using Engram.Client;

namespace Engram.Cli;

/// `engram users list|get|create|delete`: the account's end users.
internal static class UsersCommand
{
    public static string[]? OptionsFor(string verb) => verb switch
    {
        "list" => ["--limit", "--next", "--previous"],
        "create" => ["--first", "--last", "--email", "--phone", "--id"],
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
                var request = new ListUsersRequest
                {
                    Limit = ClientCommand.Limit(line),
                    NextToken = line.Option("--next"),
                    PreviousToken = line.Option("--previous"),
                };
                await ClientCommand.ListAsync(line, output,
                    () => client.Users.ListAllAsync(request, cancellationToken), () => client.Users.ListAsync(request, cancellationToken),
                    CliJson.Default.User, CliJson.Default.UserList, Table(output), user => WriteRowAsync(output, user));
                return 0;
            case "get":
                await WriteAsync(output, json, await client.Users.GetAsync(Id(line), cancellationToken));
                return 0;
            case "create":
                var created = await client.Users.CreateAsync(new CreateUserRequest
                {
                    FirstName = line.Option("--first") ?? throw new UsageException("users create needs --first NAME"),
                    LastName = line.Option("--last") ?? throw new UsageException("users create needs --last NAME"),
                    Email = line.Option("--email"),
                    Phone = line.Option("--phone"),
                    Id = line.Option("--id"),
                }, cancellationToken);
                await WriteAsync(output, json, created);
                return 0;
            default:
                var id = Id(line);
                await client.Users.DeleteAsync(id, cancellationToken);
                await (json ? ClientCommand.WriteJsonAsync(output, new DeletedRecord(id, true), CliJson.Default.DeletedRecord)
                    : output.WriteLineAsync($"Deleted user {id}."));
                return 0;
        }
    }

    private static string Id(CommandLine line) => ClientCommand.Single(line, "users", "user id");

    private static TableWriter Table(TextWriter output) =>
        new(output, ("ID", 40), ("NAME", 30), ("EMAIL", 30), ("PHONE", 20), ("CREATED", 0));

    private static Task WriteRowAsync(TextWriter output, User user) =>
        Table(output).WriteRowAsync(user.Id, $"{user.FirstName} {user.LastName}", user.Email ?? "-", user.Phone ?? "-",
            TableWriter.Time(user.CreatedAt));

    private static Task WriteAsync(TextWriter output, bool json, User user) => json
        ? ClientCommand.WriteJsonAsync(output, user, CliJson.Default.User)
        : TableWriter.WriteFieldsAsync(output,
            ("id", user.Id),
            ("firstName", user.FirstName),
            ("lastName", user.LastName),
            ("email", user.Email),
            ("phone", user.Phone),
            ("createdAt", TableWriter.Time(user.CreatedAt)));
}
