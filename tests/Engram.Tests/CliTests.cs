using Engram.Cli;

namespace Engram.Tests;

/// `engram sessions|messages|users …` in-process, over HTTP to the real server.
public abstract class CliTests(EngramServer server)
{
    private async Task<(int Exit, string[] Lines, string Error)> EngramAsync(Api api, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await ClientCommand.RunAsync([.. args, "--url", server.BaseAddress.ToString(), "--key", api.Key ?? ""], output, error);
        return (exit, output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries), error.ToString());
    }

    private static JsonElement Json(string line) => JsonDocument.Parse(line).RootElement.Clone();

    [Fact]
    public async Task Sessions_create_prints_the_session_and_json_has_the_wire_shape()
    {
        var api = await server.NewAccountAsync();
        var id = "call-" + Guid.NewGuid().ToString("N")[..8];
        var (exit, lines, _) = await EngramAsync(api, "sessions", "create", "--id", id, "--customer", "cust-42", "channel=phone", "note=a=b");
        Assert.Equal(0, exit);
        Assert.Equal($"id              {id}", lines[0]);
        Assert.Contains("metadata        channel=phone note=a=b", lines);

        var (_, json, _) = await EngramAsync(api, "sessions", "get", id, "--json");
        var session = Json(Assert.Single(json));
        Shapes.AssertSession(session);
        Assert.Equal((await api.GetAsync($"/sessions/get/{id}")).Data.GetRawText(), session.GetRawText()); // byte for byte the API's data
    }

    [Fact]
    public async Task Sessions_list_prints_a_table_and_the_token_for_the_next_page()
    {
        var api = await server.NewAccountAsync();
        for (var i = 0; i < 3; i++)
        {
            await api.CreateSessionAsync(new { customerUserID = "cust-t" });
        }
        var (exit, lines, _) = await EngramAsync(api, "sessions", "list", "--customer", "cust-t", "--limit", "2");
        Assert.Equal(0, exit);
        Assert.StartsWith("ID", lines[0]);
        Assert.Equal(2, lines.Count(l => l.Contains("cust-t")));
        var next = Assert.Single(lines, l => l.StartsWith("next page:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];

        var (_, json, _) = await EngramAsync(api, "sessions", "list", "--customer", "cust-t", "--limit", "2", "--next", next, "--json");
        var page = Json(Assert.Single(json));
        Assert.Equal(["sessions", "nextToken", "previousToken", "count"], Shapes.Names(page));
        Assert.Equal(1, page.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextToken").ValueKind);
    }

    [Fact]
    public async Task Sessions_list_all_streams_every_page_as_table_rows_or_json_lines()
    {
        var api = await server.NewAccountAsync();
        for (var i = 0; i < 25; i++)
        {
            await api.CreateSessionAsync();
        }
        var expected = await Walker.AllAsync(api, "/sessions/list", "sessions");

        var (_, json, _) = await EngramAsync(api, "sessions", "list", "--all", "--limit", "10", "--json");
        Assert.Equal(expected, json.Select(l => Json(l).GetProperty("id").GetString()));

        var (_, table, _) = await EngramAsync(api, "sessions", "list", "--all", "--limit", "10");
        Assert.StartsWith("ID", table[0]);
        Assert.Equal(expected, table.Skip(1).Select(l => l.Split(' ')[0]));
    }

    [Fact]
    public async Task Sessions_end_and_delete()
    {
        var api = await server.NewAccountAsync();
        var id = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        var (_, ended, _) = await EngramAsync(api, "sessions", "end", id, "--json");
        Assert.Equal(JsonValueKind.String, Json(ended[0]).GetProperty("endedAt").ValueKind);
        var (exit, deleted, _) = await EngramAsync(api, "sessions", "delete", id);
        Assert.Equal(0, exit);
        Assert.Equal([$"Deleted session {id} and its messages."], deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/sessions/get/{id}")).Status);
    }

    [Fact]
    public async Task Messages_create_list_get_and_delete()
    {
        var api = await server.NewAccountAsync();
        var session = (await api.CreateSessionAsync()).GetProperty("id").GetString()!;
        var (exit, created, _) = await EngramAsync(api, "messages", "create", "--session", session, "--role", "user", "Move my booking, please.", "--json");
        Assert.Equal(0, exit);
        var id = Json(created[0]).GetProperty("id").GetString()!;
        await EngramAsync(api, "messages", "create", "--session", session, "--role", "assistant", "Which day suits you?");

        var (_, table, _) = await EngramAsync(api, "messages", "list", "--session", session);
        Assert.Contains(table, l => l.StartsWith(id) && l.Contains("user") && l.EndsWith("Move my booking, please."));
        Assert.Equal("2 of 2 messages", table[^1]);
        var (_, onlyAssistant, _) = await EngramAsync(api, "messages", "list", "--session", session, "--role", "assistant", "--json");
        Assert.Equal(1, Json(onlyAssistant[0]).GetProperty("totalCount").GetInt32());

        var (_, got, _) = await EngramAsync(api, "messages", "get", id);
        Assert.Contains("content         Move my booking, please.", got);
        var (_, deleted, _) = await EngramAsync(api, "messages", "delete", id, "--json");
        Assert.Equal($$"""{"id":"{{id}}","deleted":true}""", deleted[0]);
    }

    [Fact]
    public async Task Users_create_list_get_and_delete()
    {
        var api = await server.NewAccountAsync();
        var (exit, created, _) = await EngramAsync(api, "users", "create", "--first", "Ada", "--last", "Lovelace", "--email", "ada@example.com", "--id", "ada");
        Assert.Equal(0, exit);
        Assert.Equal("id              ada", created[0]);
        var (_, table, _) = await EngramAsync(api, "users", "list");
        Assert.Contains(table, l => l.StartsWith("ada") && l.Contains("Ada Lovelace") && l.Contains("ada@example.com"));
        var (_, json, _) = await EngramAsync(api, "users", "get", "ada", "--json");
        Assert.Equal((await api.GetAsync("/users/get/ada")).Data.GetRawText(), json[0]);
        Assert.Equal(["Deleted user ada."], (await EngramAsync(api, "users", "delete", "ada")).Lines);
    }

    [Fact]
    public async Task Error_answers_are_one_line_on_standard_error_and_exit_1()
    {
        var api = await server.NewAccountAsync();
        var (exit, lines, error) = await EngramAsync(api, "sessions", "get", "no-such-session");
        Assert.Equal(1, exit);
        Assert.Empty(lines);
        Assert.Equal("engram: Session not found (404 not_found)\n", error.ReplaceLineEndings("\n"));

        var (_, _, token) = await EngramAsync(api, "users", "list", "--next", "not-a-token");
        Assert.StartsWith("engram: Invalid nextToken (400 bad_request)", token);
        var (_, _, key) = await EngramAsync(server.Anonymous("ek_wrong"), "messages", "list");
        Assert.StartsWith("engram: Invalid API key (403 forbidden)", key);
    }

    [Theory]
    [InlineData("sessions", "frob")]
    [InlineData("sessions", "get")]
    [InlineData("sessions", "create", "not-a-pair")]
    [InlineData("users", "list", "--customer", "x")]
    [InlineData("users", "create", "--first", "Ada")]
    [InlineData("messages", "create", "--role", "user", "hi")]
    [InlineData("messages", "get", "a", "--all")]
    [InlineData("sessions", "list", "--limit", "ten")]
    [InlineData("users", "list", "--limit", "0")]
    [InlineData("messages", "list", "--limit", "101")]
    [InlineData("sessions", "list", "--next", "a", "--previous", "b")]
    public async Task Usage_mistakes_are_caught_before_any_request(params string[] args)
    {
        var api = await server.NewAccountAsync();
        await Assert.ThrowsAsync<UsageException>(() => EngramAsync(api, args));
    }

    [Fact]
    public async Task Limits_outside_1_to_100_are_refused_before_any_request_and_inside_are_passed_on()
    {
        var random = new Random(11);
        for (var i = 0; i < 500; i++)
        {
            var limit = random.Next(4) switch { 0 => random.Next(-5, 110), 1 => random.Next(), 2 => -random.Next(), _ => random.Next(1, 101) };
            var line = CommandLine.Parse(["--limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture)], ["--limit"]);
            if (limit is >= 1 and <= 100)
            {
                Assert.Equal(limit, ClientCommand.Limit(line));
            }
            else
            {
                Assert.Equal($"--limit must be a whole number from 1 to 100, not '{limit}'", Assert.Throws<UsageException>(() => ClientCommand.Limit(line)).Message);
            }
        }
    }
}
