using System.Text;

namespace Engram.Tests;

/// §3 of the contract: creating sessions, their ids, customer ids and metadata.
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
}
