using System.Globalization;
using Engram.Graph;
using Engram.Ingestion;
using Microsoft.Extensions.AI;

namespace Engram.Llm;

/// What the language model is asked for one piece of a sample: the memory's ontology says what
/// to look for, the shared rules say how to write it, and the answer's JSON shape is spelled out
/// because not every OpenAI-compatible server enforces a schema.
public static class ExtractionPrompts
{
    /// What each ontology extracts (docs/graph-memory.md, "With a language model", says the same).
    private static readonly Dictionary<string, string> Focus = new(StringComparer.OrdinalIgnoreCase)
    {
        ["culture"] = """
            The text is about people and culture: conversations, biographies, communities, arts and traditions.
            Extract people, groups and organisations, places, events, works (books, films, music, art) and their titles,
            and the dates things happened. Facts say who did, made, attended, likes, believes or plans what, with whom,
            where and when, and how people are related to each other (family, friends, colleagues).
            """,
        ["essays"] = """
            The text is an essay or article. Extract its authors and the people, organisations, places, works and
            concepts it discusses. Facts state its claims and arguments, the evidence given for them, definitions,
            who holds or cites which view, and what supports or contradicts what; keep each claim attributed.
            """,
        ["support_requests"] = """
            The text is a customer support request or conversation. Extract customers and staff, organisations,
            products, plans, features and versions, and dates. Facts say who reported which problem with which
            product (with error messages and symptoms verbatim), what was tried, what was asked for, what resolved
            it or what is still open, and when each of these happened.
            """,
    };

    private const string GeneralFocus = """
        Extract the people, places, organisations, products, dates and titles the text mentions, and the facts it
        states about them.
        """;

    private const string Rules = """
        You extract a knowledge graph from text for a memory system. Answer with one JSON object and nothing else:
        {"entities":[{"name":"canonical name","kind":"person|place|organisation|product|date|title|other","aliases":["other names"]}],
         "facts":[{"content":"one self-contained sentence","date":"YYYY-MM-DD or null","entities":["canonical names"],"relation":"short verb phrase or null"}]}
        Rules:
        - Use only what the text states. Never add outside knowledge. Leave out what is unclear.
        - Every fact is one sentence that is understood alone: replace pronouns and "I", "you", "we" with the names
          they stand for (the speaker is given), and write relative times ("yesterday", "last week", "next month")
          as dates computed from the date the text was written (given, and shown in [brackets] where already resolved).
        - "date" is the date the fact happened or holds from, when the text says or implies it; else null.
        - An entity appears once, under its fullest name; nicknames, short forms and other spellings go in "aliases".
        - A fact's "entities" lists the canonical names of the entities it mentions; "relation" names what links them
          (for example "works at", "reported", "was born in").
        - At most 50 entities and 50 facts; prefer the most informative.
        """;

    public static IReadOnlyList<ChatMessage> For(ExtractionInput input, string piece)
    {
        ArgumentNullException.ThrowIfNull(input);
        var focus = input.Ontology is { } ontology && Focus.TryGetValue(ontology == "cultural" ? "culture" : ontology, out var text) ? text : GeneralFocus;
        var context = new List<string> { $"Kind of sample: {input.SampleType}." };
        if (input.Speaker is { Length: > 0 } speaker)
        {
            context.Add($"Speaker: {speaker} (\"I\" and \"me\" are {speaker}).");
        }
        if (input.DatedAt is { } at)
        {
            context.Add($"Written on: {at.ToString("dddd yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
            // Resolved here too, as a net under a small model; a message's text may come resolved already.
            piece = piece.Contains('[', StringComparison.Ordinal) ? piece : RelativeDates.Resolve(piece, at);
        }
        return
        [
            new ChatMessage(ChatRole.System, Rules + "\n" + focus),
            new ChatMessage(ChatRole.User, string.Join("\n", context) + "\n\nText:\n" + piece),
        ];
    }
}
