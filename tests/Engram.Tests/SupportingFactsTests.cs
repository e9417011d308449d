using Engram.Retrieval;

namespace Engram.Tests;

/// The built-in supporting facts: every sentence of a dated chunk says its date exactly once,
/// whether the chunk's text already says it (a message, after its speaker) or not (a document).
public sealed class SupportingFactsTests
{
    private static readonly DateTime May8 = new(2023, 5, 8, 13, 56, 0, DateTimeKind.Utc);

    private static FoundChunk Chunk(string content, string? messageId) =>
        new(1, content, May8, messageId is null ? "file-1" : null, messageId, messageId is null ? null : "session-1", null, null, null, 0.9);

    [Fact]
    public void A_messages_sentences_each_say_the_date_once()
    {
        var facts = SupportingFacts.From("support group painting",
            [Chunk("Caroline (8 May 2023): I went to the support group yesterday [7 May 2023]. Then I did some painting.", "message-1")]);

        Assert.Equal(2, facts.Count);
        Assert.All(facts, fact => Assert.Single(System.Text.RegularExpressions.Regex.Matches(fact.Content, @"\(8 May 2023\)")));
        Assert.Contains(facts, fact => fact.Content == "Then I did some painting. (8 May 2023)");
    }

    [Fact]
    public void A_documents_sentence_gets_its_date_after_it()
    {
        var facts = SupportingFacts.From("boiler", [Chunk("The boiler was serviced.", null)]);

        Assert.Equal("The boiler was serviced. (8 May 2023)", Assert.Single(facts).Content);
    }
}
