using Engram.Graph;
using Engram.Llm;
using Microsoft.Extensions.AI;

namespace Engram.Tests.Llm;

/// The language-model extractor against a real local OpenAI-compatible server: what it sends,
/// what it reads back, and that every failure ends in the built-in extractor's answer with a log line saying why.
public sealed class LlmFactExtractorTests : IAsyncLifetime
{
    private const string Said = "I went to the LGBTQ support group yesterday. Mel came too, she loved it.";
    private static readonly DateTime SaidAt = new(2023, 5, 8, 14, 0, 0, DateTimeKind.Utc);
    private static readonly ExtractionInput Message = new(Said, "Caroline", SaidAt, "culture", "message");

    private const string Answer = """
        {"entities":[{"name":"Caroline","kind":"person","aliases":[]},
                     {"name":"Melanie","kind":"person","aliases":["Mel"]},
                     {"name":"LGBTQ support group","kind":"organization","aliases":null}],
         "facts":[{"content":"Caroline went to the LGBTQ support group on 7 May 2023.","date":"2023-05-07","entities":["Caroline","LGBTQ support group"],"relation":"attended"},
                  {"content":"Mel went with Caroline and loved it.","date":null,"entities":["Mel","Caroline","Nobody"],"relation":null},
                  {"content":"Caroline went to the LGBTQ support group on 7 May 2023.","date":"2023-05-07","entities":[],"relation":null}]}
        """;

    private FakeChatServer chat = null!;
    private readonly RecordingExtractor builtIn = new();
    private readonly ListLogger<LlmFactExtractor> log = new();

    public async ValueTask InitializeAsync() => chat = await FakeChatServer.StartAsync();

    public ValueTask DisposeAsync() => chat.DisposeAsync();

    private LlmFactExtractor Extractor(string behaviour, double timeoutSeconds = 30, TimeSpan? rest = null) =>
        new(new LanguageModel(LlmServices.ChatClient(new Uri(chat.Endpoint(behaviour)), "fake-model", "sk-test"),
            TimeSpan.FromSeconds(timeoutSeconds), new ListLogger<LanguageModel>(), rest ?? TimeSpan.Zero), builtIn, log);

    [Fact]
    public async Task The_models_answer_becomes_the_graph_with_aliases_merged_and_dates_read()
    {
        chat.Reply = _ => Answer;
        var graph = await Extractor("ok").ExtractAsync(Message, CancellationToken.None);

        Assert.Equal(["Caroline", "Melanie", "LGBTQ support group"], graph.Entities.Select(e => e.Name));
        Assert.Equal(["Mel"], graph.Entities[1].Aliases);
        Assert.Equal("organisation", graph.Entities[2].Kind);
        Assert.Equal(2, graph.Facts.Count); // the repeated fact is kept once
        Assert.Equal(new DateTime(2023, 5, 7, 0, 0, 0, DateTimeKind.Utc), graph.Facts[0].ValidAt);
        Assert.Equal("attended", graph.Facts[0].Relation);
        Assert.Equal(SaidAt, graph.Facts[1].ValidAt); // undated: the time it was said
        Assert.Equal(["Melanie", "Caroline"], graph.Facts[1].Entities); // by canonical name; an unlisted name connects nothing
        Assert.Empty(builtIn.Inputs);

        var request = Assert.Single(chat.Requests);
        Assert.Equal("fake-model", request.Model);
        Assert.Equal("Bearer sk-test", request.Authorization);
        Assert.True(request.JsonMode);
        Assert.Contains("people and culture", request.System);
        Assert.Contains("Speaker: Caroline", request.User);
        Assert.Contains("2023-05-08", request.User);
        Assert.Contains("yesterday [7 May 2023]", request.User);
    }

    [Theory]
    [InlineData("culture", "people and culture")]
    [InlineData("cultural", "people and culture")]
    [InlineData("essays", "essay or article")]
    [InlineData("support_requests", "customer support request")]
    [InlineData(null, "titles the text mentions")]
    public void Each_ontology_asks_for_its_own_things(string? ontology, string focus)
    {
        var messages = ExtractionPrompts.For(Message with { Ontology = ontology }, Said);
        Assert.Equal(ChatRole.System, messages[0].Role);
        Assert.Contains(focus, messages[0].Text);
        Assert.Contains("\"facts\"", messages[0].Text);
        Assert.Contains(Said.Replace("yesterday", "yesterday [7 May 2023]"), messages[1].Text);
    }

    [Theory]
    [InlineData("this is not json")]
    [InlineData("[1, 2, 3]")]
    [InlineData("{}")]
    [InlineData("""{"entities": [], "facts": [{"date": null}]}""")]
    [InlineData("""{"entities": [{"name": "Ann"}], "facts": []}""")]
    [InlineData("""{"entities": "Ann", "facts": []}""")]
    [InlineData("""{"entities": [], "facts": [{"content": "Ann left.", "date": "last week"}]}""")]
    [InlineData("""{"entities": [], "facts": [{"content": "Ann left.", "entities": "Ann"}]}""")]
    [InlineData("huge")]
    public async Task An_unusable_answer_falls_back_to_the_built_in_extractor_and_says_why(string reply)
    {
        chat.Reply = _ => reply == "huge"
            ? JsonSerializer.Serialize(new { entities = Array.Empty<object>(), facts = Enumerable.Range(0, ExtractionAnswer.MaxItems + 1).Select(i => new { content = $"Fact {i}." }) })
            : reply;
        var graph = await Extractor("ok").ExtractAsync(Message, CancellationToken.None);

        Assert.Equal("built-in: " + Said, Assert.Single(graph.Facts).Content);
        Assert.Equal(Message, Assert.Single(builtIn.Inputs));
        var line = Assert.Single(log.Lines);
        Assert.Contains("fell back to the built-in extractor: the language model's extraction was unusable", line.Message);
        Assert.DoesNotContain("support group", line.Message);
    }

    [Theory]
    [InlineData("fail", "the language model answered 500 (3 attempts)")]
    [InlineData("slow", "did not answer within 0.5 seconds (3 attempts)")]
    [InlineData("garbage", "its answer is not JSON")]
    [InlineData("cut", "cut off at its length limit")]
    public async Task A_failing_endpoint_falls_back_and_then_rests(string behaviour, string reason)
    {
        var extractor = Extractor(behaviour, timeoutSeconds: 0.5, rest: TimeSpan.FromHours(1));
        var graph = await extractor.ExtractAsync(Message, CancellationToken.None);
        Assert.Equal("built-in: " + Said, Assert.Single(graph.Facts).Content);
        Assert.Contains(reason, Assert.Single(log.Lines).Message);
        var asked = chat.Count(behaviour);
        Assert.Equal(behaviour is "fail" or "slow" ? 1 + LanguageModel.MaxRetries : 1, asked);

        // Only a failed endpoint rests: the next sample goes to the built-in extractor without asking.
        await extractor.ExtractAsync(Message, CancellationToken.None);
        Assert.Equal(behaviour is "fail" or "slow" ? asked : asked + 1, chat.Count(behaviour));
        Assert.Equal(2, builtIn.Inputs.Count);
    }

    [Fact]
    public async Task Rate_limits_are_waited_out_and_json_mode_is_dropped_where_refused()
    {
        chat.Reply = _ => Answer;
        var busy = await Extractor("busy").ExtractAsync(Message, CancellationToken.None);
        Assert.Equal(3, chat.Count("busy"));
        Assert.Equal(2, busy.Facts.Count);

        var extractor = Extractor("nojson");
        Assert.Equal(2, (await extractor.ExtractAsync(Message, CancellationToken.None)).Facts.Count);
        Assert.Equal(2, (await extractor.ExtractAsync(Message, CancellationToken.None)).Facts.Count);
        Assert.Equal([true, false, false], chat.Requests.Where(r => r.Path.StartsWith("/nojson/", StringComparison.Ordinal)).Select(r => r.JsonMode));
        Assert.Empty(builtIn.Inputs);
    }

    [Fact]
    public async Task A_long_sample_is_asked_in_pieces_and_merged()
    {
        chat.Reply = _ => Answer;
        var paragraph = string.Join(' ', Enumerable.Repeat("Caroline and Mel went to the group again.", 40));
        var text = string.Join("\n\n", Enumerable.Repeat(paragraph, 8));
        var graph = await Extractor("ok").ExtractAsync(Message with { Text = text }, CancellationToken.None);
        Assert.True(chat.Count("ok") > 1);
        Assert.Equal(3, graph.Entities.Count); // the same entities from every piece, once
        Assert.Equal(["Mel"], graph.Entities[1].Aliases);
    }

    [Fact]
    public void Pieces_are_bounded_and_lose_no_word()
    {
        var random = new Random(16);
        for (var round = 0; round < 100; round++)
        {
            var words = Enumerable.Range(0, random.Next(0, 2000)).Select(_ => random.Next(20) switch
            {
                0 => "end.\n\n",
                1 => "stop.",
                2 => new string('x', random.Next(1, 9000)),
                _ => new string((char)('a' + random.Next(26)), random.Next(1, 12)),
            });
            var text = string.Join(' ', words);
            var pieces = LlmFactExtractor.Pieces(text).ToList();
            Assert.All(pieces, p => Assert.InRange(p.Length, 1, LlmFactExtractor.PieceChars));
            Assert.Equal(string.Concat(text.Where(c => !char.IsWhiteSpace(c))), string.Concat(string.Concat(pieces).Where(c => !char.IsWhiteSpace(c))));
        }
    }

    [Fact]
    public void Any_answer_parses_to_a_sound_graph_or_is_refused_with_a_reason()
    {
        var random = new Random(13);
        for (var round = 0; round < 2000; round++)
        {
            var text = Mutate(Answer, random);
            ExtractedGraph graph;
            try
            {
                graph = ExtractionAnswer.Parse(text, SaidAt);
            }
            catch (LanguageModelException refused)
            {
                Assert.StartsWith("the language model's extraction was unusable: ", refused.Message);
                continue;
            }
            var names = graph.Entities.Select(e => e.Name).ToHashSet();
            Assert.Equal(names.Count, graph.Entities.Count);
            Assert.All(graph.Facts, fact =>
            {
                Assert.InRange(fact.Content.Length, 1, ExtractionAnswer.MaxFactChars);
                Assert.All(fact.Entities, name => Assert.Contains(name, names));
            });
        }
    }

    /// A valid answer with a few random edits: cut short, a character changed or dropped, a value's type changed.
    private static string Mutate(string text, Random random)
    {
        for (var edits = random.Next(1, 4); edits > 0 && text.Length > 0; edits--)
        {
            var at = random.Next(text.Length);
            text = random.Next(4) switch
            {
                0 => text[..at],
                1 => text.Remove(at, 1),
                2 => text.Remove(at, 1).Insert(at, "{}[]\",:0n"[random.Next(9)].ToString()),
                _ => text.Replace(random.Next(3) switch { 0 => "null", 1 => "[]", _ => "\"Caroline\"" }, random.Next(2) == 0 ? "7" : "{}"),
            };
        }
        return text;
    }
}
