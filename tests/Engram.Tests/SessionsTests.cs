using System.Text;

namespace Engram.Tests;

/// §3 of the contract: sessions, one endpoint at a time.
public abstract class SessionsTests(EngramServer server)
{
    [Fact]
    public async Task Create_with_no_body_answers_201_with_a_whole_session()
    {
        var api = await server.NewAccountAsync();
        var response = await api.PostAsync("/sessions/create");
        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.Equal(["status", "data"], Shapes.Names(response.Json));
        Assert.Equal("success", response.Json.GetProperty("status").GetString());
        var session = response.Data;
        Shapes.AssertSession(session);
        Assert.Matches(Shapes.UuidV7(), session.GetProperty("id").GetString());
        Assert.Equal(api.Account, session.GetProperty("userID").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("customerUserID").ValueKind);
        Assert.Equal(0, session.GetProperty("metadata").GetArrayLength());
        Assert.Equal(session.GetProperty("createdAt").GetString(), session.GetProperty("updatedAt").GetString());
        Assert.Equal(JsonValueKind.Null, session.GetProperty("deletedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, session.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task Create_keeps_id_customer_and_metadata_in_order_and_get_returns_exactly_what_create_did()
    {
        var api = await server.NewAccountAsync();
        var created = await api.PostAsync("/sessions/create", """
            {"id":"call-1","customerUserID":"cust 42 ☎","metadata":[{"key":"b","value":"2"},{"key":"a","value":""},{"key":"é","value":"ü"}]}
            """);
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("call-1", created.Data.GetProperty("id").GetString());
        Assert.Equal("cust 42 ☎", created.Data.GetProperty("customerUserID").GetString());
        Assert.Equal("""[{"key":"b","value":"2"},{"key":"a","value":""},{"key":"é","value":"ü"}]""",
            JsonSerializer.Serialize(created.Data.GetProperty("metadata"), new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var fetched = await api.GetAsync("/sessions/get/call-1");
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(created.Raw, fetched.Raw);
    }

    [Fact]
    public async Task SessionID_is_an_alias_for_id()
    {
        var api = await server.NewAccountAsync();
        var session = await api.CreateSessionAsync(new { sessionID = "alias-1" });
        Assert.Equal("alias-1", session.GetProperty("id").GetString());
        (await api.PostAsync("/sessions/create", """{"id":"x1","sessionID":"x2"}"""))
            .AssertBadRequest("id and sessionID must be the same when both are given");
        (await api.PostAsync("/sessions/create", """{"sessionID":"bad id"}"""))
            .AssertBadRequest("id must be 1-128 printable characters without / ? # % \\ or spaces");
    }

    [Fact]
    public async Task A_used_id_is_409_even_after_the_session_was_deleted()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "dup" });
        (await api.PostAsync("/sessions/create", """{"id":"dup"}""")).AssertError(HttpStatusCode.Conflict, "Session already exists", "conflict");
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync("/sessions/delete/dup")).Status);
        (await api.PostAsync("/sessions/create", """{"sessionID":"dup"}""")).AssertError(HttpStatusCode.Conflict, "Session already exists", "conflict");
    }

    [Fact]
    public async Task Another_account_may_use_the_same_id_and_sees_only_its_own()
    {
        var alice = await server.NewAccountAsync();
        var bob = await server.NewAccountAsync();
        await alice.CreateSessionAsync(new { id = "shared", customerUserID = "a" });
        var bobs = await bob.CreateSessionAsync(new { id = "shared", customerUserID = "b" });
        Assert.Equal(bob.Account, bobs.GetProperty("userID").GetString());
        Assert.Equal("a", (await alice.GetAsync("/sessions/get/shared")).Data.GetProperty("customerUserID").GetString());
        Assert.Equal("b", (await bob.GetAsync("/sessions/get/shared")).Data.GetProperty("customerUserID").GetString());
    }

    public static TheoryData<string> BadIds => new()
    {
        "", " ", "a b", "a/b", "a?b", "a#b", "a%b", "a\\b", "tab\there", "é", "new\nline", "\u007f", new string('x', 129),
        ".", "..", // path segments a URL resolves away, so such a session could never be fetched
    };

    [Theory]
    [MemberData(nameof(BadIds))]
    public async Task A_bad_id_is_400_and_writes_nothing(string id)
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/sessions/create", Api.Json(new { id })))
            .AssertBadRequest("id must be 1-128 printable characters without / ? # % \\ or spaces");
        Assert.Equal(0, (await api.GetAsync("/sessions/list")).Data.GetProperty("count").GetInt32());
    }

    [Theory]
    [InlineData("""{"id":5}""")]
    [InlineData("""{"id":true}""")]
    [InlineData("""{"id":["a"]}""")]
    public async Task An_id_that_is_not_a_string_is_400(string body)
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/sessions/create", body)).AssertBadRequest("id must be 1-128 printable characters without / ? # % \\ or spaces");
    }

    [Theory]
    [InlineData("!")]
    [InlineData("~a-Z_0.9:@$&'()*+,;=[]^`{|}")]
    public async Task Every_printable_character_but_the_forbidden_ones_makes_an_id(string id)
    {
        var api = await server.NewAccountAsync();
        var session = await api.CreateSessionAsync(new { id });
        Assert.Equal(id, session.GetProperty("id").GetString());
        var fetched = await api.GetAsync("/sessions/get/" + Uri.EscapeDataString(id));
        Assert.Equal(HttpStatusCode.OK, fetched.Status);
        Assert.Equal(id, fetched.Data.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_id_of_128_characters_is_accepted()
    {
        var api = await server.NewAccountAsync();
        var id = new string('z', 128);
        Assert.Equal(id, (await api.CreateSessionAsync(new { id })).GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("""{"customerUserID":""}""")]
    [InlineData("""{"customerUserID":5}""")]
    [InlineData("""{"customerUserID":"a\u0001b"}""")]
    [InlineData("""{"customerUserID":"line\nbreak"}""")]
    [InlineData("""{"customerUserID":{"id":"x"}}""")]
    public async Task A_bad_customer_user_id_is_400(string body)
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/sessions/create", body))
            .AssertBadRequest("customerUserID must be a string of 1-256 characters without control characters");
    }

    [Fact]
    public async Task A_customer_user_id_may_be_256_characters_but_not_257()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { customerUserID = new string('c', 256) });
        await api.CreateSessionAsync(new { customerUserID = string.Concat(Enumerable.Repeat("😀", 256)) });
        (await api.PostAsync("/sessions/create", Api.Json(new { customerUserID = new string('c', 257) })))
            .AssertBadRequest("customerUserID must be a string of 1-256 characters without control characters");
    }

    [Fact]
    public async Task Null_optional_fields_are_the_same_as_absent_ones()
    {
        var api = await server.NewAccountAsync();
        var session = await api.CreateSessionAsync(new { id = (string?)null, customerUserID = (string?)null, metadata = (object?)null });
        Assert.Matches(Shapes.UuidV7(), session.GetProperty("id").GetString());
        Assert.Equal(0, session.GetProperty("metadata").GetArrayLength());
    }

    [Theory]
    [InlineData("""{"metadata":{"key":"a","value":"b"}}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":"a=b"}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[["a","b"]]}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[{"key":"a"}]}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[{"value":"b"}]}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[{"key":"a","value":1}]}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[{"key":"a","value":null}]}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[{"key":1,"value":"b"}]}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[null]}""", "metadata must be an array of {key, value} objects")]
    [InlineData("""{"metadata":[{"key":"","value":"b"}]}""", "metadata keys must be 1-128 characters")]
    [InlineData("""{"metadata":[{"key":"a","value":"1"},{"key":"a","value":"2"}]}""", "metadata keys must be unique")]
    public async Task Bad_metadata_is_400_naming_metadata(string body, string error)
    {
        var api = await server.NewAccountAsync();
        (await api.PostAsync("/sessions/create", body)).AssertBadRequest(error);
        Assert.Equal(0, (await api.GetAsync("/sessions/list")).Data.GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task Metadata_bounds_are_64_items_128_character_keys_and_2048_character_values()
    {
        var api = await server.NewAccountAsync();
        var most = Enumerable.Range(0, 64).Select(i => new { key = $"k{i}", value = "v" }).ToArray();
        Assert.Equal(64, (await api.CreateSessionAsync(new { metadata = most })).GetProperty("metadata").GetArrayLength());
        var tooMany = Enumerable.Range(0, 65).Select(i => new { key = $"k{i}", value = "v" }).ToArray();
        (await api.PostAsync("/sessions/create", Api.Json(new { metadata = tooMany }))).AssertBadRequest("metadata must have at most 64 items");

        await api.CreateSessionAsync(new { metadata = new[] { new { key = new string('k', 128), value = new string('v', 2048) } } });
        (await api.PostAsync("/sessions/create", Api.Json(new { metadata = new[] { new { key = new string('k', 129), value = "v" } } })))
            .AssertBadRequest("metadata keys must be 1-128 characters");
        (await api.PostAsync("/sessions/create", Api.Json(new { metadata = new[] { new { key = "k", value = new string('v', 2049) } } })))
            .AssertBadRequest("metadata values must be at most 2048 characters");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Random_metadata_reads_back_as_the_same_text_from_create_get_and_list(int seed)
    {
        // Metadata is stored as JSON text and listed without parsing it again, so every character
        // JSON escapes (or may escape) must still come back exactly as create answered it.
        const string alphabet = "aZ09 -_\"\\/<>&'+\n\t\r\u0001\u001f\u007féü€☎\u2028\u2029\ufffd😀";
        var random = new Random(seed);
        var api = await server.NewAccountAsync();
        for (var round = 0; round < 20; round++)
        {
            var metadata = Enumerable.Range(0, random.Next(0, 5)).Select(i => new
            {
                key = $"k{i}" + RandomText(random, alphabet, random.Next(0, 8)),
                value = RandomText(random, alphabet, random.Next(0, 12)),
            }).ToArray();
            var created = await api.PostAsync("/sessions/create", Api.Json(new { customerUserID = $"round-{round}", metadata }));
            Assert.Equal(HttpStatusCode.Created, created.Status);
            var sent = created.Data.GetProperty("metadata");
            Assert.Equal(Api.Json(metadata), JsonSerializer.Serialize(sent));
            var id = created.Data.GetProperty("id").GetString()!;
            Assert.Equal(created.Raw, (await api.GetAsync($"/sessions/get/{id}")).Raw);
            var listed = (await api.GetAsync($"/sessions/list?customerUserID=round-{round}")).Data.GetProperty("sessions").EnumerateArray().Single();
            Assert.Equal(sent.GetRawText(), listed.GetProperty("metadata").GetRawText());
        }
    }

    private static string RandomText(Random random, string alphabet, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            var i = random.Next(alphabet.Length);
            // Keep a surrogate pair whole: half of one is a 400, which another test covers.
            text.Append(char.IsHighSurrogate(alphabet[i]) ? alphabet.AsSpan(i, 2)
                : char.IsLowSurrogate(alphabet[i]) ? alphabet.AsSpan(i - 1, 2) : alphabet.AsSpan(i, 1));
        }
        return text.ToString();
    }

    [Fact]
    public async Task Get_of_an_unknown_deleted_or_foreign_session_is_404()
    {
        var api = await server.NewAccountAsync();
        var other = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "mine" });
        await api.CreateSessionAsync(new { id = "gone" });
        await api.DeleteAsync("/sessions/delete/gone");
        (await api.GetAsync("/sessions/get/nope")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await api.GetAsync("/sessions/get/gone")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await other.GetAsync("/sessions/get/mine")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Fact]
    public async Task Delete_is_soft_answers_the_contract_message_and_hides_the_session_from_get_and_list()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "keep" });
        await api.CreateSessionAsync(new { id = "drop" });
        var deleted = await api.DeleteAsync("/sessions/delete/drop");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("""{"status":"success","message":"Session deleted successfully"}""", deleted.Raw);
        Assert.Equal(["keep"], Shapes.Ids((await api.GetAsync("/sessions/list")).Data, "sessions"));
        (await api.DeleteAsync("/sessions/delete/drop")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await api.DeleteAsync("/sessions/delete/never")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Fact]
    public async Task Delete_sets_deleted_at_and_updated_at_in_storage()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "soft" });
        await api.DeleteAsync("/sessions/delete/soft");
        // Not visible through the API by design; the row is still there with both times set.
        var page = await server.Store.ListSessionsAsync(api.Account, null, new Paging.PageRequest(10, null));
        Assert.Empty(page.Items);
        var again = await server.Store.InsertSessionAsync(new Sessions.Session("soft", api.Account, null, [], DateTime.UtcNow, DateTime.UtcNow, null, null));
        Assert.Equal(Storage.InsertOutcome.Duplicate, again);
        var row = await server.RawRowAsync("SELECT created_at, updated_at, deleted_at FROM sessions WHERE account_id = @account AND id = @id",
            ("account", api.Account), ("id", "soft"));
        var (created, updated, deletedAt) = (Convert.ToInt64(row[0]), Convert.ToInt64(row[1]), Convert.ToInt64(row[2]));
        Assert.NotNull(row[2]);
        Assert.Equal(deletedAt, updated);
        Assert.True(deletedAt >= created);
    }

    [Fact]
    public async Task Another_account_cannot_delete_or_end_a_session()
    {
        var owner = await server.NewAccountAsync();
        var intruder = await server.NewAccountAsync();
        await owner.CreateSessionAsync(new { id = "private" });
        (await intruder.DeleteAsync("/sessions/delete/private")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await intruder.PostAsync("/sessions/end/private")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        var still = await owner.GetAsync("/sessions/get/private");
        Assert.Equal(HttpStatusCode.OK, still.Status);
        Assert.Equal(JsonValueKind.Null, still.Data.GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task End_sets_ended_at_and_updated_at_once_and_ending_again_keeps_the_first()
    {
        var api = await server.NewAccountAsync();
        var created = await api.CreateSessionAsync(new { id = "call" });
        await Task.Delay(5);
        var ended = await api.PostAsync("/sessions/end/call");
        Assert.Equal(HttpStatusCode.OK, ended.Status);
        Shapes.AssertSession(ended.Data);
        var endedAt = ended.Data.GetProperty("endedAt").GetString();
        Shapes.AssertTimestamp(ended.Data.GetProperty("endedAt"));
        Assert.Equal(endedAt, ended.Data.GetProperty("updatedAt").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetString(), ended.Data.GetProperty("createdAt").GetString());
        Assert.True(string.CompareOrdinal(endedAt, created.GetProperty("createdAt").GetString()) > 0);

        await Task.Delay(5);
        var again = await api.PostAsync("/sessions/end/call/");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(ended.Raw, again.Raw);
        Assert.Equal(ended.Raw, (await api.GetAsync("/sessions/get/call")).Raw);
    }

    [Fact]
    public async Task End_of_an_unknown_or_deleted_session_is_404()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "gone" });
        await api.DeleteAsync("/sessions/delete/gone");
        (await api.PostAsync("/sessions/end/gone")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
        (await api.PostAsync("/sessions/end/none")).AssertError(HttpStatusCode.NotFound, "Session not found", "not_found");
    }

    [Fact]
    public async Task An_ended_session_is_still_listed_and_deletable()
    {
        var api = await server.NewAccountAsync();
        await api.CreateSessionAsync(new { id = "e" });
        await api.PostAsync("/sessions/end/e");
        Assert.Equal(["e"], Shapes.Ids((await api.GetAsync("/sessions/list")).Data, "sessions"));
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync("/sessions/delete/e")).Status);
    }

    [Fact]
    public async Task A_path_id_that_breaks_the_id_rules_is_400()
    {
        var api = await server.NewAccountAsync();
        var longId = new string('x', 129);
        (await api.GetAsync("/sessions/get/" + longId)).AssertBadRequest("id must be 1-128 printable characters without / ? # % \\ or spaces");
        (await api.GetAsync("/sessions/get/a%20b")).AssertBadRequest("id must be 1-128 printable characters without / ? # % \\ or spaces");
    }
}
